import type {
  CallOptions,
  DatasetOption,
  DatasetRows,
  DatasetRowsPage,
  DistillRequest,
  DistillResponse,
  TensorflowTrainRequest,
  TrainRequest,
  TrainResponse,
} from './types.js';

/**
 * The backend, injected everywhere (browser: HTTP client; server: in-process engines).
 * A method rejects with an `MlApiError` carrying a user-safe message on failure.
 */
export interface MlApi {
  getDatasetManifest(): Promise<DatasetOption[]>;
  getDatasetRows(datasetId: string, page?: DatasetRowsPage): Promise<DatasetRows>;
  trainPytorch(req: TrainRequest, o?: CallOptions): Promise<TrainResponse>;
  trainTensorflow(req: TensorflowTrainRequest, o?: CallOptions): Promise<TrainResponse>;
  distillPytorch(req: DistillRequest, o?: CallOptions): Promise<DistillResponse>;
  distillTensorflow(req: DistillRequest, o?: CallOptions): Promise<DistillResponse>;
}
