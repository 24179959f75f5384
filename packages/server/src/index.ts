/** Public exports of @trainyard/server. */
export {
  COMBINATION_QUEUE,
  type CombinationJobData,
  type CombinationResult,
  combinationJobId,
} from './distributed/combinationJob.js';
export { createQueueMlApi, type QueueMlApi } from './distributed/createQueueMlApi.js';
export { QUEUE_DEFAULTS, type QueueConfig, queueConfigFromEnv } from './distributed/queueConfig.js';
export { type RunningWorker, type StartWorkerOptions, startWorker } from './distributed/startWorker.js';
export { HttpError, notFound, STATUS_BY_CODE } from './errors.js';
export {
  type BuildAppOptions,
  buildApp,
  DEFAULT_BODY_LIMIT,
  DEFAULT_UPLOAD_LIMIT,
} from './http/buildApp.js';
export { DEFAULT_PORT, type RunningServer, type StartServerOptions, startServer } from './startServer.js';
export { createStore, type Store } from './store/createStore.js';
export type { ModelStore } from './store/modelStore.js';
export {
  currentProcessOwner,
  isProcessOwnerAlive,
  type ProcessOwner,
} from './store/processOwner.js';
export type { CompletedRun, NewRun, RunFilter, RunStore, SweepRun } from './store/runStore.js';
export type { SweepStore } from './store/sweepStore.js';
export { createStudio, type Studio, type StudioOptions } from './studio/createStudio.js';
export type { OrphansInterrupted, OwnerCheck } from './studio/interruptOrphans.js';
export type { StudioLocalApi } from './studio/localApi.js';
export { createPersistingMlApi, type PersistingMlApi, type RunTag } from './studio/persistingMlApi.js';
export type { SweepListener } from './studio/sweepEvents.js';
export { createSweepService, type SweepService } from './studio/sweepService.js';
export { SERVER_VERSION } from './version.js';
