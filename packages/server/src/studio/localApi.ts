import type { DatasetOption, EngineStatusInfo, MlApi, ModelSummary } from '@trainyard/core';

/**
 * What the studio uses of the trainers' local api (`createLocalMlApi` from @trainyard/trainers),
 * stated structurally so tests can hand in a fake.
 */
export interface StudioLocalApi extends MlApi {
  registry: {
    get(datasetId: string): Promise<DatasetOption | undefined>;
  };
  models: {
    list(): Promise<ModelSummary[]>;
    get(modelId: string): Promise<ModelSummary | undefined>;
  };
  status(): Promise<{ pytorch: EngineStatusInfo; tensorflow: EngineStatusInfo }>;
  close(): Promise<void>;
}
