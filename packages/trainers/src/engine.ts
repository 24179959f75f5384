/**
 * The contract between the dataset/preprocessing side of @trainyard/trainers and the two engines.
 * Both engines receive identical, already split and standardised arrays, so their numbers compare.
 */
import type { EpochEvent, Framework, MetricName, TaskKind, TensorflowMode } from '@trainyard/core';

/** How raw rows became the model's inputs; stored next to every model so predictions can be reproduced. */
export interface PreprocessingMeta {
  datasetId: string;
  task: TaskKind;
  targetColumn: string;
  /** Input columns after one-hot encoding, in model input order. */
  featureColumns: string[];
  /** Standardisation fitted on the training split only. */
  mean: number[];
  std: number[];
  /** Class names in label-index order (classification only). */
  labels?: string[];
  /**
   * Regression only: the target is standardised with the training split's mean and std, so a
   * model predicts `(y - targetMean) / targetStd` (losses are in those units; r2 is unchanged).
   */
  targetMean?: number;
  targetStd?: number;
  /** One-hot encodings of categorical source columns. */
  categorical?: Array<{ column: string; categories: string[] }>;
  testSize: number;
  seed: number;
}

/**
 * Row-major float32 matrices plus targets: class index (classification) or standardised value
 * (regression). Read-only: the same arrays are cached and shared by several runs, so copy before
 * mutating, and never transfer their buffers to a worker (postMessage copies them by default).
 */
export interface PreparedData {
  task: TaskKind;
  nFeatures: number;
  /** Number of classes; 1 for regression. */
  nClasses: number;
  nTrain: number;
  nTest: number;
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  preprocessing: PreprocessingMeta;
}

export interface ModelParams {
  epochs: number;
  batchSize: number;
  learningRate: number;
  hiddenDim: number;
  numHiddenLayers: number;
  dropout: number;
  seed: number;
  /** TensorFlow only: 'linear' trains the no-hidden-layer baseline. */
  mode?: TensorflowMode;
}

export interface EngineTrainJob {
  data: PreparedData;
  params: ModelParams;
  /** An empty directory the engine writes its model files into (the caller renames it into place). */
  modelDir: string;
  /** Also return the trained model's raw test-split outputs (`testOutputs`); off by default. */
  returnTestOutputs?: boolean;
  onEpoch?: (event: EpochEvent) => void;
  signal?: AbortSignal;
}

export interface EngineTrainResult {
  metric_name: MetricName;
  metric_score: number;
  train_loss: number;
  test_loss: number;
  history: EpochEvent[];
  parameterCount: number;
  durationMs: number;
  /** Model files written into modelDir, relative names. */
  files: string[];
  /**
   * Only when the job asked for it (`returnTestOutputs`): the raw outputs the metric was computed
   * from, row-major nTest × nOutputs: logits (nClasses per row) or the standardised prediction
   * (1 per row). Lets a test check that the saved files reproduce them.
   */
  testOutputs?: Float32Array;
}

export interface EngineDistillJob {
  /** The same split and preprocessing as the teacher's. */
  data: PreparedData;
  /** Directory of the saved teacher model (as written by this engine's train). */
  teacherDir: string;
  teacherParams: ModelParams;
  student: ModelParams;
  temperature: number;
  alpha: number;
  compareScratch: boolean;
  modelDir: string;
  onEpoch?: (event: EpochEvent) => void;
  signal?: AbortSignal;
}

export interface EngineDistillResult {
  metric_name: MetricName;
  teacher_score: number;
  student_score: number;
  scratch_score?: number;
  teacher_parameters: number;
  student_parameters: number;
  agreement: number;
  train_loss: number;
  test_loss: number;
  history: EpochEvent[];
  durationMs: number;
  files: string[];
}

/** Same shape as core's EngineStatusInfo. */
export interface EngineStatus {
  available: boolean;
  /** User-safe explanation when unavailable (how to install), or details such as the BLAS in use. */
  message: string;
  details?: Record<string, string | number | boolean>;
}

/** Errors are thrown as MlApiError (code TRAINING_FAILED, CANCELLED, ENGINE_UNAVAILABLE) with user-safe text. */
export interface Engine {
  readonly framework: Framework;
  status(): Promise<EngineStatus>;
  train(job: EngineTrainJob): Promise<EngineTrainResult>;
  distill(job: EngineDistillJob): Promise<EngineDistillResult>;
  /** Stops every worker/process the engine keeps warm. */
  close(): Promise<void>;
}
