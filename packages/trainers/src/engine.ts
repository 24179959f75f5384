/**
 * The contract between the dataset/preprocessing side of @trainyard/trainers and the two engines.
 * Both engines receive identical, already split and standardised arrays, so their numbers compare.
 */
import {
  type EpochEvent,
  FIELD_RULES,
  type Framework,
  type MetricName,
  MlApiError,
  type TaskKind,
  type TensorflowMode,
} from '@trainyard/core';

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
  /** Share of the non-test rows held out for validation; absent when there were none. */
  validationSize?: number;
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
  /** Validation rows (0 without a validation split): for model selection, never trained on. */
  nVal: number;
  nTest: number;
  xTrain: Float32Array;
  yTrain: Float32Array;
  xVal: Float32Array;
  yVal: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  preprocessing: PreprocessingMeta;
}

/**
 * Stop after `patience` epochs without a `minDelta` rise of the validation score and keep the best
 * epoch's weights (needs validation rows).
 */
export interface EarlyStopping {
  patience: number;
  minDelta: number;
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
  earlyStopping?: EarlyStopping;
  /**
   * Shared epoch prefixes: also return what runs of these fewer epochs (same job otherwise) would,
   * taken on the way to `params.epochs` (each count a maximum under early stopping), each saved into
   * its own empty directory. Increasing counts below `params.epochs`.
   */
  checkpoints?: EpochCheckpoint[];
  onEpoch?: (event: EpochEvent) => void;
  signal?: AbortSignal;
  /** Firing asks the run to stop after its current epoch and answer with what it trained (`pruned`). */
  prune?: AbortSignal;
}

export interface EpochCheckpoint {
  epochs: number;
  modelDir: string;
}

/**
 * Scores and losses are those of the saved model, i.e. of `best_epoch`: the best validation epoch
 * under early stopping, else the last one. `metric_score` is always the test score.
 */
export interface EngineTrainResult {
  metric_name: MetricName;
  metric_score: number;
  train_loss: number;
  test_loss: number;
  /** Only with validation rows: the saved model's validation score and loss. */
  val_score?: number;
  val_loss?: number;
  best_epoch: number;
  /** The last epoch trained (history's length). */
  stopped_epoch: number;
  /** A `prune` request ended the run before its last epoch. */
  pruned?: boolean;
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
  /** One per requested checkpoint, in its order: equal to a separate run of that many epochs. */
  checkpoints?: EngineTrainResult[];
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

/** One model of a fused group: its own params (same batchSize, numHiddenLayers, seed, mode as the others), its own directory and hooks. */
export interface EngineGroupMember {
  params: ModelParams;
  modelDir: string;
  /** Shared epoch prefixes of this member (as EngineTrainJob.checkpoints). */
  checkpoints?: EpochCheckpoint[];
  onEpoch?: (event: EpochEvent) => void;
  /** Stops this member only (it becomes a CANCELLED outcome); the others go on. */
  signal?: AbortSignal;
  /** Prunes this member only after its current epoch (a completed, `pruned` result). */
  prune?: AbortSignal;
}

/** Several combinations trained as one batched model: same data (split), batch size, layers, seed, early stopping. */
export interface EngineGroupJob {
  data: PreparedData;
  members: EngineGroupMember[];
  earlyStopping?: EarlyStopping;
  returnTestOutputs?: boolean;
  /** Stops the whole group. */
  signal?: AbortSignal;
}

/** Per member, in order: its result (exactly what a separate `train` of that member answers) or its own error. */
export type EngineGroupOutcome = { ok: true; result: EngineTrainResult } | { ok: false; error: MlApiError };

/** Same shape as core's EngineStatusInfo. */
export interface EngineStatus {
  available: boolean;
  /** User-safe explanation when unavailable (how to install), or details such as the BLAS in use. */
  message: string;
  details?: Record<string, string | number | boolean>;
}

/**
 * Errors are thrown as MlApiError with user-safe text, the same code from both engines: VALIDATION (the
 * guard below), NOT_FOUND (teacher files), TRAINING_FAILED (divergence, a crashed worker), CANCELLED
 * (abort or close), ENGINE_UNAVAILABLE (missing runtime, a worker that cannot start, closed engine).
 */
export interface Engine {
  readonly framework: Framework;
  status(): Promise<EngineStatus>;
  train(job: EngineTrainJob): Promise<EngineTrainResult>;
  distill(job: EngineDistillJob): Promise<EngineDistillResult>;
  /** Trains the members as one stacked model; one member's failure (NaN, divergence, stop) is its outcome only. */
  trainGroup(job: EngineGroupJob): Promise<EngineGroupOutcome[]>;
  /** Stops every worker/process the engine keeps warm. */
  close(): Promise<void>;
}

/*
 * The one engine-side guard, run by both engines before a job is queued (and by the TensorFlow jobs
 * inside their thread). It trusts nothing: the user-facing bounds (DR-002) were checked by core's
 * schemas at the entry point, this only makes sure a hand-built or corrupted job cannot reach python
 * or TF.js. Every message reads `Invalid <field>: <value> (<rule>)`.
 */

function invalid(field: string, value: unknown, rule: string): MlApiError {
  return new MlApiError('VALIDATION', `Invalid ${field}: ${String(value)} (${rule})`, { field });
}

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * numHiddenLayers is ≥ 1 on both engines: the linear model is TensorFlow's `mode: 'linear'` (DR-004),
 * which ignores the hidden fields and carries core's fixed LINEAR_BASELINE_PARAMS; distillation
 * students are MLPs. The seed rule is core's (an integer 0-4294967295): the split and TF.js draw
 * from a 32-bit generator (`seed >>> 0`), so other values would silently alias; torch accepts them all.
 */
const PARAM_RULES: Array<[keyof ModelParams, (v: unknown) => boolean, string]> = [
  ['epochs', (v) => isInt(v) && v >= 1, 'an integer ≥ 1'],
  ['batchSize', (v) => isInt(v) && v >= 1, 'an integer ≥ 1'],
  ['learningRate', (v) => isNum(v) && v > 0, 'a number > 0'],
  ['hiddenDim', (v) => isInt(v) && v >= 1, 'an integer ≥ 1'],
  ['numHiddenLayers', (v) => isInt(v) && v >= 1, 'an integer ≥ 1'],
  ['dropout', (v) => isNum(v) && v >= 0 && v < 1, 'in [0, 1)'],
  ['seed', (v) => isInt(v) && v >= 0 && v <= FIELD_RULES.seed.max, `an integer 0-${FIELD_RULES.seed.max}`],
  ['mode', (v) => v === undefined || v === 'mlp' || v === 'linear', "'mlp' or 'linear'"],
];

/** @example checkModelParams({ ...params, epochs: 0 }) // throws 'Invalid epochs: 0 (an integer ≥ 1)' */
export function checkModelParams(p: ModelParams): void {
  if (typeof p !== 'object' || p === null) throw invalid('params', p, 'an object');
  for (const [field, ok, rule] of PARAM_RULES) {
    if (!ok(p[field])) throw invalid(field, p[field], rule);
  }
}

/** Sizes that agree with each other and class labels within range, so no engine indexes out of bounds. */
export function checkPreparedData(d: PreparedData): void {
  if (typeof d !== 'object' || d === null) throw invalid('data', d, 'prepared arrays');
  if (d.task !== 'classification' && d.task !== 'regression')
    throw invalid('task', d.task, "'classification' or 'regression'");
  if (!(isInt(d.nFeatures) && d.nFeatures >= 1)) throw invalid('nFeatures', d.nFeatures, 'an integer ≥ 1');
  if (!(isInt(d.nTrain) && d.nTrain >= 1)) throw invalid('nTrain', d.nTrain, 'at least 1 training row');
  if (!(isInt(d.nVal) && d.nVal >= 0)) throw invalid('nVal', d.nVal, 'an integer ≥ 0');
  if (!(isInt(d.nTest) && d.nTest >= 0)) throw invalid('nTest', d.nTest, 'an integer ≥ 0');
  const classification = d.task === 'classification';
  if (classification ? !(isInt(d.nClasses) && d.nClasses >= 2) : d.nClasses !== 1)
    throw invalid(
      'nClasses',
      d.nClasses,
      classification ? 'at least 2 for classification' : '1 for regression',
    );
  const sizes: Array<[keyof PreparedData, number]> = [
    ['xTrain', d.nTrain * d.nFeatures],
    ['yTrain', d.nTrain],
    ['xVal', d.nVal * d.nFeatures],
    ['yVal', d.nVal],
    ['xTest', d.nTest * d.nFeatures],
    ['yTest', d.nTest],
  ];
  for (const [field, expected] of sizes) {
    const array = d[field];
    if (!(array instanceof Float32Array)) throw invalid(field, typeof array, 'a Float32Array');
    if (array.length !== expected) throw invalid(field, `${array.length} values`, `expected ${expected}`);
  }
  if (classification) {
    for (const field of ['yTrain', 'yVal', 'yTest'] as const) {
      const bad = d[field].find((y) => !(Number.isInteger(y) && y >= 0 && y < d.nClasses));
      if (bad !== undefined) throw invalid(field, `label ${bad}`, `class indexes 0-${d.nClasses - 1}`);
    }
  }
}

/** @example checkDistillWeights({ temperature: 2, alpha: 1.5 }) // throws 'Invalid alpha: 1.5 (in [0, 1])' */
export function checkDistillWeights({ temperature, alpha }: { temperature: number; alpha: number }): void {
  if (!(isNum(temperature) && temperature > 0)) throw invalid('temperature', temperature, 'a number > 0');
  if (!(isNum(alpha) && alpha >= 0 && alpha <= 1)) throw invalid('alpha', alpha, 'in [0, 1]');
}

/** @example checkEarlyStopping({ patience: 0, minDelta: 0 }, 30) // throws 'Invalid patience: 0 (an integer ≥ 1)' */
export function checkEarlyStopping(e: EarlyStopping | undefined, nVal: number): void {
  if (e === undefined) return;
  if (typeof e !== 'object' || e === null) throw invalid('earlyStopping', e, 'an object');
  if (!(isInt(e.patience) && e.patience >= 1)) throw invalid('patience', e.patience, 'an integer ≥ 1');
  if (!(isNum(e.minDelta) && e.minDelta >= 0)) throw invalid('minDelta', e.minDelta, 'a number ≥ 0');
  if (nVal < 1) throw invalid('patience', e.patience, 'needs validation rows: validationSize above 0');
}

/** @example checkCheckpoints([{ epochs: 50, modelDir }], 20) // throws 'Invalid checkpoints: 50 (increasing epoch counts, each 1-19)' */
export function checkCheckpoints(checkpoints: EpochCheckpoint[] | undefined, epochs: number): void {
  if (checkpoints === undefined) return;
  const rule = `increasing epoch counts, each 1-${epochs - 1}`;
  if (!Array.isArray(checkpoints)) throw invalid('checkpoints', checkpoints, rule);
  const counts = checkpoints.map((c) => c?.epochs);
  const ok = counts.every(
    (e, i) => isInt(e) && e >= 1 && e < epochs && (i === 0 || e > (counts[i - 1] as number)),
  );
  if (!ok) throw invalid('checkpoints', counts.join(','), rule);
  const dirless = checkpoints.find((c) => typeof c.modelDir !== 'string' || c.modelDir === '');
  if (dirless) throw invalid('checkpoints', `epoch ${dirless.epochs}`, 'a model directory each');
}

export function checkTrainJob(job: EngineTrainJob): void {
  checkPreparedData(job.data);
  checkModelParams(job.params);
  checkEarlyStopping(job.earlyStopping, job.data.nVal);
  checkCheckpoints(job.checkpoints, job.params.epochs);
}

/** The fields every member of a fused group shares (the stack has one batch size, depth and seed stream). */
const GROUP_SHARED = ['batchSize', 'numHiddenLayers', 'seed', 'mode'] as const;

/**
 * A group's members each pass the train guard (checked field by field, the data once) and share GROUP_SHARED; hidden dims, learning rates,
 * dropouts, epochs and checkpoints may differ.
 * @example checkGroupJob({ data, members: [a, { ...b, params: { ...b.params, seed: 2 } }] }) // throws 'Invalid seed: 2 (…)'
 */
export function checkGroupJob(job: EngineGroupJob): void {
  if (!Array.isArray(job.members) || job.members.length === 0)
    throw invalid('members', job.members, 'at least one member');
  checkPreparedData(job.data);
  checkEarlyStopping(job.earlyStopping, job.data.nVal);
  const [first] = job.members as [EngineGroupMember];
  for (const member of job.members) {
    checkModelParams(member.params);
    checkCheckpoints(member.checkpoints, member.params.epochs);
    for (const field of GROUP_SHARED) {
      if (member.params[field] !== first.params[field])
        throw invalid(
          field,
          member.params[field],
          `every member of a fused group the same: ${first.params[field]}`,
        );
    }
  }
}

/** Student fields are named as in DistillRequest (`epochs`, not `student.epochs`). */
export function checkDistillJob(job: EngineDistillJob): void {
  checkPreparedData(job.data);
  checkModelParams(job.student);
  checkDistillWeights(job);
}

/** Both engines' answer when the teacher's model files are gone from its directory. */
export function teacherFilesMissing(): MlApiError {
  return new MlApiError('NOT_FOUND', 'The teacher model files are missing; was the model deleted?', {
    field: 'teacherModelId',
  });
}
