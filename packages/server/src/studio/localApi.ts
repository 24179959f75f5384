import type { DatasetOption, EngineStatusInfo, MlApi, ModelSummary, TaskKind } from '@trainyard/core';
import type { SavedModelMetadata } from './toModelSummary.js';

/**
 * What the studio uses of the trainers' local api (`createLocalMlApi` from @trainyard/trainers),
 * stated structurally so unit tests can hand in a fake.
 */
export interface StudioLocalApi extends MlApi {
  registry: {
    /** @throws MlApiError NOT_FOUND for an unknown id. */
    get(datasetId: string): DatasetOption | Promise<DatasetOption>;
    importCsv(request: {
      name: string;
      targetColumn: string;
      filePath?: string;
      csvText?: string;
      task?: TaskKind;
    }): Promise<DatasetOption>;
    /** @throws MlApiError VALIDATION for a built-in, NOT_FOUND for an unknown id. */
    remove(datasetId: string): Promise<void>;
  };
  models: {
    list(): Promise<Array<SavedModelMetadata | ModelSummary>>;
    /** @throws MlApiError NOT_FOUND for an unknown id. */
    get(modelId: string): Promise<SavedModelMetadata | ModelSummary | undefined>;
    /** Absolute folder of a saved model, built by the trainers from a validated id. @throws NOT_FOUND. */
    dir(modelId: string): string;
    /** Removes the model's files (renamed away, then deleted). @throws NOT_FOUND. */
    remove(modelId: string): Promise<unknown>;
  };
  status(): Promise<{ pytorch: EngineStatusInfo; tensorflow: EngineStatusInfo }>;
  close(): Promise<void>;
}
