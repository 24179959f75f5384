/** Public exports of @trainyard/trainers. */

export {
  ArtifactNotFoundError,
  type ArtifactStore,
  checkArtifactKey,
} from './artifacts/artifactStore.js';
export { createFileArtifactStore } from './artifacts/fileArtifactStore.js';
export { openArtifactStore } from './artifacts/openArtifactStore.js';
export { createS3ArtifactStore, type S3ArtifactOptions } from './artifacts/s3ArtifactStore.js';
export {
  buildCsvTable,
  type CsvTable,
  MAX_CATEGORIES,
  MAX_CLASSES,
  MIN_ROWS,
} from './datasets/buildCsvTable.js';
export { BUILTIN_DATA_DIR, readBuiltinManifest } from './datasets/builtinDatasets.js';
export {
  createDatasetRegistry,
  type DatasetRegistry,
  type DatasetRegistryOptions,
} from './datasets/datasetRegistry.js';
export type { DatasetTable, FeatureColumn, TargetColumn } from './datasets/datasetTable.js';
export { type CsvGrid, readCsvGrid } from './datasets/readCsvGrid.js';
export {
  createSyntheticRow,
  parseSyntheticId,
  SYNTHETIC_LIMITS,
  type SyntheticSpec,
  syntheticTable,
} from './datasets/synthetic.js';
export { DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS } from './datasets/tableRows.js';
export type { ImportCsvRequest } from './datasets/userDatasets.js';
export type {
  EarlyStopping,
  Engine,
  EngineDistillJob,
  EngineDistillResult,
  EngineGroupJob,
  EngineGroupMember,
  EngineGroupOutcome,
  EngineStatus,
  EngineTrainJob,
  EngineTrainResult,
  EpochCheckpoint,
  ModelParams,
  PreparedData,
  PreprocessingMeta,
} from './engine.js';
export {
  checkTeacher,
  createLocalMlApi,
  type LocalMlApi,
  type LocalMlApiOptions,
  type TeacherFacts,
} from './localMlApi.js';
export type { ModelMetadata, ModelMetrics } from './models/modelMetadata.js';
export {
  createModelPredictor,
  type ModelPredictor,
  type ModelPredictorOptions,
} from './models/modelPredictor.js';
export { modelReadme, type ReadmeModel } from './models/modelReadme.js';
export {
  createModelStore,
  isModelId,
  MODEL_ID_PATTERN,
  type ModelCommit,
  type ModelStore,
  type ModelStoreOptions,
} from './models/modelStore.js';
export { denseStackToOnnx, ONNX_FILE, type OnnxDense } from './models/onnxModel.js';
export { predictionsCsv } from './models/predictionsCsv.js';
export { csvInputRows, encodeRawRows } from './models/rawInputs.js';
export {
  type DenseWeights,
  type RawColumn,
  type RawLayers,
  rawColumns,
  rawLayers,
} from './models/rawLayers.js';
export { rawModelSnippets, type SnippetModel } from './models/rawModelSnippets.js';
export { cleanStaleTempDirs, tempDirName } from './models/tempDirs.js';
export { applyPreprocessing, type RawRow, restoreTarget } from './preprocessing/applyPreprocessing.js';
export { type PrepareOptions, prepareData } from './preprocessing/prepareData.js';
export { createPreparedDataCache, type PreparedDataCache } from './preprocessing/preparedDataCache.js';
export { mixSeed, mulberry32, normal, type Random, shuffleInPlace } from './preprocessing/random.js';
export { randomSplit, type SplitIndices, stratifiedSplit, testCount } from './preprocessing/split.js';
export {
  createPytorchEngine,
  DEFAULT_FUSED_GROUP_SIZE,
  FUSED_COMPUTE_BOUND_MACS,
  fusedGroups,
  maxFusedGroupSize,
  PYTORCH_MODEL_FILE,
  type PytorchEngine,
  type PytorchEngineOptions,
} from './pytorch/index.js';
export {
  createOptunaTpeSampler,
  defaultStartupTrials,
  type OptunaTpeSamplerOptions,
  TPE_SCRIPT,
  tpeUnavailableMessage,
} from './search/optunaTpeSampler.js';
export {
  createTensorflowEngine,
  MODEL_JSON,
  maxTensorflowGroupSize,
  type TensorflowEngine,
  type TensorflowEngineOptions,
  WEIGHTS_BIN,
} from './tensorflow/index.js';
export { type EngineWorker, WORKER_KILL_AFTER_MS, type WorkerMessage } from './workers/engineWorker.js';
