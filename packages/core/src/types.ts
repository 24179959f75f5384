/** Shared runtime types of the ml-training spec layer (see shared/spec/ml-training-spec.md). */
import type { StopReason } from './runStop.js';

export type Framework = 'pytorch' | 'tensorflow';
export type TaskKind = 'classification' | 'regression';
export type TensorflowMode = 'mlp' | 'linear';
export type MetricName = 'accuracy' | 'r2';

/** One entry of the dataset manifest. */
export interface DatasetOption {
  id: string;
  name: string;
  task: TaskKind;
  targetColumn: string;
  featureColumns: string[];
  /** Number of data rows (header excluded). */
  rows: number;
  /** Number of classes for classification, absent for regression. */
  classes?: number;
  source: string;
  license: string;
  /** true for the datasets shipped with Trainyard and the synthetic generator. */
  builtIn: boolean;
  /** SHA-256 (hex) of an imported file's bytes, so an identical upload is offered as this dataset. */
  contentHash?: string;
}

/** What one column of a dataset holds, for the dataset page's summaries (GET /api/datasets/:id/summary). */
export interface ColumnSummary {
  name: string;
  role: 'feature' | 'target';
  type: 'number' | 'category';
  /** Empty cells (and NaN). */
  missing: number;
  /** Numbers: smallest and largest value, absent when every cell is missing. */
  min?: number;
  max?: number;
  mean?: number;
  /** Numbers: counts in equal-width bins from min to max. */
  histogram?: number[];
  /** Categories: the most frequent values with their counts (at most 10), and how many there are. */
  categories?: Array<{ value: string; count: number }>;
  distinct?: number;
}

export interface DatasetSummary {
  datasetId: string;
  rows: number;
  /** Set when the summary covers only the first `sampledRows` rows (a large synthetic set). */
  sampledRows?: number;
  columns: ColumnSummary[];
}

/** A page of dataset rows, values in column order. */
export interface DatasetRows {
  datasetId: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
  /** Total number of rows in the dataset (not in this page). */
  total: number;
  offset: number;
}

export interface DatasetRowsPage {
  offset?: number;
  limit?: number;
}

/** One point of the sweep grid. */
export interface TrainingCombination {
  epochs: number;
  batchSize: number;
  learningRate: number;
  testSize: number;
  hiddenDim: number;
  numHiddenLayers: number;
  dropout: number;
}

/** DR-003: a failed row carries 'n/a' in every metric field. */
export interface RunRow extends TrainingCombination {
  id: string;
  framework: Framework;
  datasetId: string;
  result: 'completed' | 'failed';
  metric_name: string | 'n/a';
  metric_score: number | 'n/a';
  train_loss: number | 'n/a';
  test_loss: number | 'n/a';
  modelId?: string;
  modelPath?: string;
  error?: string;
  /** On a failed row: the run was stopped (cancelled, interrupted, stopped early), it did not fail on its own. */
  stopReason?: StopReason;
  /** Model selection (completed runs only, absent on older rows): see TrainResponse. */
  val_score?: number;
  /** Under k-fold (`folds`): the standard deviation of the folds' validation scores. */
  val_score_std?: number;
  val_loss?: number;
  best_epoch?: number;
  stopped_epoch?: number;
  pruned?: boolean;
}

/** Per-epoch progress of one training run. */
export interface EpochEvent {
  epoch: number;
  epochs: number;
  train_loss: number;
  test_loss: number;
  /** Only with a validation split: loss and metric (accuracy or r2) on the validation rows. */
  val_loss?: number;
  val_score?: number;
  /**
   * Progress events of a k-fold run only: the fold (1-based) this epoch belongs to; its `epoch` and
   * `epochs` count across the folds and the refit (absent on the refit's epochs).
   */
  fold?: number;
}

/**
 * Honest model selection for one run (issue 11), all opt-in: without them a run is today's two-way
 * split trained to its last epoch, bit for bit.
 */
export interface SelectionOptions {
  /**
   * Share of the non-test rows held out for validation, in [0, 1), carved from the training part
   * with the same seeded (stratified) split. Default 0: no validation split.
   */
  validationSize?: number;
  /**
   * Early stopping: stop after this many epochs without a `minDelta` improvement of the validation
   * score and keep the best epoch's weights. Needs `validationSize` > 0 or `folds` (then it works per
   * fold, and the refit trains the rounded mean of the folds' best epochs).
   */
  patience?: number;
  /** Smallest rise of the validation score that counts as an improvement; default 0. */
  minDelta?: number;
  /**
   * Shared epoch prefixes: smaller epoch counts (increasing, each below `epochs`) whose runs are
   * taken on the way, in one training to `epochs`. Each comes back in `TrainResponse.checkpoints`
   * with its own model, equal to a separate run of that many epochs (a maximum under early stopping).
   */
  epochCheckpoints?: number[];
  /**
   * k-fold cross-validation (2-10) on the non-test part instead of a validation split: the run
   * trains once per fold (seeded, stratified folds; preprocessing fitted on each fold's training
   * part), reports the folds' mean validation score (`val_score`) and its standard deviation
   * (`val_score_std`), then refits on the whole non-test part for the saved model and the test
   * score. Absent: no k-fold. Excludes `validationSize` > 0, `epochCheckpoints` and pruning.
   */
  folds?: number;
}

export interface TrainRequest extends TrainingCombination, SelectionOptions {
  datasetId: string;
  /** Seed for the split, initialisation and shuffling; same seed, same metrics. Default 42. */
  seed?: number;
  /** Set by the server when the run belongs to a durable sweep. */
  sweepId?: string;
  /** Set by the orchestrator with `sweepId`: the combination's position in the sweep grid. */
  combinationIndex?: number;
  /**
   * Set by the orchestrator with `sweepId` and `epochCheckpoints`: the sweep-grid position of each
   * checkpoint's combination, in `epochCheckpoints` order, so a backend that stores runs stores one per
   * combination. Not part of the training itself (the train schemas drop it).
   */
  checkpointIndexes?: number[];
}

export interface TensorflowTrainRequest extends TrainRequest {
  mode: TensorflowMode;
}

export interface TrainResponse {
  /** Id of the stored run, when the backend stores runs. */
  runId?: string;
  framework: Framework;
  datasetId: string;
  metric_name: MetricName;
  metric_score: number;
  train_loss: number;
  test_loss: number;
  history: EpochEvent[];
  modelId: string;
  modelPath: string;
  durationMs: number;
  parameterCount: number;
  /**
   * Only with a validation split: the validation score (the selection metric, accuracy or r2) and
   * loss of the saved model. `metric_score` stays the test score and is never used to choose.
   */
  val_score?: number;
  val_loss?: number;
  /** Only under k-fold (`folds`): the standard deviation of the folds' validation scores. */
  val_score_std?: number;
  /** The epoch whose weights were saved: the best validation epoch, else the last one. */
  best_epoch?: number;
  /** The last epoch trained: below `epochs` when early stopping ended the run. */
  stopped_epoch?: number;
  /** Stopped by a sweep's pruner; always false for a single run. */
  pruned?: boolean;
  /** One per `epochCheckpoints` count, in its order, each with its own model (and no runId). */
  checkpoints?: TrainResponse[];
}

export interface DistillRequest {
  /** A saved model of the same framework, by id. */
  teacherModelId: string;
  /** Optional: when given it must be the teacher's dataset. */
  datasetId?: string;
  hiddenDim: number;
  numHiddenLayers: number;
  /** Softmax temperature T (> 0). */
  temperature: number;
  /** Weight on the teacher's soft targets, in [0,1]; 1 − alpha weighs the hard labels. */
  alpha: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout?: number;
  seed?: number;
  /** Also train the same student from scratch on the hard labels, for comparison. */
  compareScratch?: boolean;
}

export interface DistillMetrics {
  metric_name: MetricName;
  teacher_score: number;
  student_score: number;
  /** Score of the same student trained from scratch on hard labels (when requested). */
  scratch_score?: number;
  teacher_parameters: number;
  student_parameters: number;
  /** teacher_parameters / student_parameters. */
  compression_ratio: number;
  /** Share of test rows where student and teacher predict the same class (classification), or R² of the student against the teacher (regression). */
  agreement: number;
  train_loss: number;
  test_loss: number;
  temperature: number;
  alpha: number;
}

export interface DistillResponse {
  framework: Framework;
  datasetId: string;
  teacherModelId: string;
  metrics: DistillMetrics;
  modelId: string;
  modelPath: string;
  /** The student's own hyperparameters, as a combination (testSize is the teacher's). */
  student: TrainingCombination;
  history: EpochEvent[];
  durationMs: number;
  runId?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-epoch progress; HTTP clients ask the server for a stream when this is given. */
  onEpoch?: (event: EpochEvent) => void;
  /**
   * Firing asks a training to stop after its current epoch and answer with what it trained
   * (`pruned: true`, `stopped_epoch`): a completed run, unlike `signal`. Local engines only.
   */
  prune?: AbortSignal;
  /**
   * Shared epoch prefixes: one per request's `epochCheckpoints`, that checkpoint's own run. Its
   * `signal` stops that run only: the training goes on while the request's `signal` or another
   * checkpoint's has not fired (trainingSignal), and the run whose signal fired ends stopped.
   */
  checkpoints?: CheckpointCall[];
}

/** The call options of one checkpoint run of a request (see CallOptions.checkpoints). */
export interface CheckpointCall {
  signal?: AbortSignal;
}

/**
 * One member's answer of a group training (MlApi.trainPytorchGroup): its response (with its
 * `checkpoints`), or its own failure, which fails that member's row only (DR-003). `code` is the
 * MlApiError code when there is one.
 */
export type GroupOutcome = { response: TrainResponse } | { error: string; code?: string };
