import type {
  CallOptions,
  DatasetOption,
  DatasetRows,
  DatasetRowsPage,
  DistillRequest,
  DistillResponse,
  GroupOutcome,
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
  /**
   * Optional (issue 16): trains several requests as one fused model (same dataset, split, seed,
   * batchSize, numHiddenLayers and selection options; learning rate, hidden dim, dropout and epochs may
   * differ). `calls[i]` holds request i's own signal, prune, onEpoch and checkpoints; one outcome per
   * request, in order, each equal to what a separate `trainPytorch` of it answers. It rejects only when
   * the group as a whole cannot run (a bad request, an unavailable engine): the caller fails every member.
   */
  trainPytorchGroup?(requests: TrainRequest[], calls: CallOptions[]): Promise<GroupOutcome[]>;
  /** The TensorFlow twin of trainPytorchGroup (every request of one `mode`). */
  trainTensorflowGroup?(requests: TensorflowTrainRequest[], calls: CallOptions[]): Promise<GroupOutcome[]>;
  distillPytorch(req: DistillRequest, o?: CallOptions): Promise<DistillResponse>;
  distillTensorflow(req: DistillRequest, o?: CallOptions): Promise<DistillResponse>;
}
