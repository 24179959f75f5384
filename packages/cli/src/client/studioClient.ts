import type {
  DatasetOption,
  DatasetRows,
  DatasetRowsPage,
  Framework,
  MlApi,
  ModelSummary,
  StoredRun,
  SweepEvent,
  SweepFields,
  SweepRecord,
  SweepStatus,
  TaskKind,
} from '@trainyard/core';

export interface RunFilter {
  framework?: Framework;
  datasetId?: string;
  sweepId?: string;
}

export interface DatasetUpload {
  target: string;
  name?: string;
  task?: TaskKind;
}

/**
 * Everything a command needs from a studio: the embedded one (store under --home, in this
 * process) or a running server (--server URL). Failures reject with core's `MlApiError`.
 */
export interface StudioClient {
  /** 'embedded' runs in this process (its sweeps stop with it); 'remote' is a server. */
  readonly kind: 'embedded' | 'remote';
  /** Where the studio lives, for messages: a directory or a URL. */
  readonly location: string;
  /** The MlApi the core orchestrators run over (training and distillation). */
  readonly api: MlApi;
  listDatasets(): Promise<DatasetOption[]>;
  getDataset(id: string): Promise<DatasetOption>;
  getDatasetRows(id: string, page?: DatasetRowsPage): Promise<DatasetRows>;
  addDataset(csv: Uint8Array, upload: DatasetUpload): Promise<DatasetOption>;
  listRuns(filter?: RunFilter): Promise<StoredRun[]>;
  listModels(): Promise<ModelSummary[]>;
  getModel(id: string): Promise<ModelSummary>;
  /** A zip of the model files plus metadata.json. */
  downloadModel(id: string): Promise<Uint8Array>;
  deleteModel(id: string): Promise<void>;
  createSweep(fields: SweepFields): Promise<SweepRecord>;
  getSweep(id: string): Promise<{ sweep: SweepRecord; runs: StoredRun[] }>;
  cancelSweep(id: string): Promise<SweepRecord>;
  resumeSweep(id: string): Promise<SweepRecord>;
  /**
   * Delivers the sweep's events (current progress and rows first, then live ones) until it is
   * done; resolves with its final status, or 'detached' when `signal` aborts first.
   */
  followSweep(
    id: string,
    onEvent: (e: SweepEvent) => void,
    signal?: AbortSignal,
  ): Promise<SweepStatus | 'detached'>;
  close(): Promise<void>;
}
