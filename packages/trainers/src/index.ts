/** Public exports of @trainyard/trainers. */
export type { DatasetTable, FeatureColumn, TargetColumn } from './datasets/datasetTable.js';
export type {
  Engine,
  EngineDistillJob,
  EngineDistillResult,
  EngineStatus,
  EngineTrainJob,
  EngineTrainResult,
  ModelParams,
  PreparedData,
  PreprocessingMeta,
} from './engine.js';
export { applyPreprocessing, type RawRow, restoreTarget } from './preprocessing/applyPreprocessing.js';
export { type PrepareOptions, prepareData } from './preprocessing/prepareData.js';
export { createPreparedDataCache, type PreparedDataCache } from './preprocessing/preparedDataCache.js';
export { mixSeed, mulberry32, normal, type Random, shuffleInPlace } from './preprocessing/random.js';
export { randomSplit, type SplitIndices, stratifiedSplit, testCount } from './preprocessing/split.js';
export { type EngineWorker, WORKER_KILL_AFTER_MS, type WorkerMessage } from './workers/engineWorker.js';
