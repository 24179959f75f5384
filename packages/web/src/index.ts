// @trainyard/web public API: the studio app, its provider and the hooks over @trainyard/core.
// The built static files (dist/) are what the server serves; these exports are for embedding and tests.

export { App } from './App.js';
export { MlApiProvider, type StudioServices, useStudioServices } from './api/StudioServices.js';
export { readSessionToken, TOKEN_STORAGE_KEY } from './api/sessionToken.js';
export { createStudioClient, type StudioClient, type StudioClientOptions } from './api/studioClient.js';
export {
  type DatasetManifest,
  type DatasetManifestState,
  useDatasetManifest,
} from './hooks/useDatasetManifest.js';
export { type DatasetRowPages, useDatasetRowPages } from './hooks/useDatasetRowPages.js';
export { type DatasetRowsState, useDatasetRows } from './hooks/useDatasetRows.js';
export { type UploadState, useDatasetUpload } from './hooks/useDatasetUpload.js';
export {
  DEFAULT_STUDENT_TEXTS,
  type Distillation,
  type DistillationState,
  type StudentField,
  type StudentTexts,
  useDistillation,
} from './hooks/useDistillation.js';
export {
  type DurableSweepOptions,
  lastSweepKey,
  useDurableSweepTraining,
} from './hooks/useDurableSweepTraining.js';
export { type FollowedSweep, useFollowedSweep } from './hooks/useFollowedSweep.js';
export { useHealth } from './hooks/useHealth.js';
export { useModels } from './hooks/useModels.js';
export { usePytorchDistillation } from './hooks/usePytorchDistillation.js';
export { usePytorchTraining } from './hooks/usePytorchTraining.js';
export { type RunFilter, useRunHistory } from './hooks/useRunHistory.js';
export { type ResourceState, useServerResource } from './hooks/useServerResource.js';
export { usePytorchSweep, useTensorflowSweep } from './hooks/useStudioSweeps.js';
export { type SweepDetail, useSweepDetail } from './hooks/useSweepDetail.js';
export {
  browserFormStorage,
  type FormStorage,
  type SweepForm,
  sweepFormKey,
  useSweepForm,
} from './hooks/useSweepForm.js';
export { useSweepList } from './hooks/useSweepList.js';
export {
  DEFAULT_SWEEP_TEXTS,
  type SweepTexts,
  type SweepTraining,
  useSweepTraining,
} from './hooks/useSweepTraining.js';
export { useTensorflowDistillation } from './hooks/useTensorflowDistillation.js';
export { type TensorflowTraining, useTensorflowTraining } from './hooks/useTensorflowTraining.js';
