/**
 * Shapes of the studio's stored objects as the HTTP API returns them (runs, models, sweeps, health).
 * Shared by the server (which produces them), the web app and the CLI (which show them).
 */
import type { EngineStatusInfo } from './engineStatus.js';
import type { SearchOptions } from './search/searchPlan.js';
import type { SweepCounts } from './sweepCounts.js';
import type {
  DistillMetrics,
  EpochEvent,
  Framework,
  RunRow,
  SelectionOptions,
  TaskKind,
  TensorflowMode,
  TrainingCombination,
} from './types.js';

/** Where a stored run stands: an orchestrator's RunRow result, or 'running' while it trains. */
export type RunStatus = RunRow['result'] | 'running';

/** What a person writes on a sweep or a run (migration 0005): a name, tags to filter by, notes. */
export interface RecordLabels {
  name?: string;
  tags?: string[];
  notes?: string;
}

/**
 * A run row as stored: RunRow plus lifecycle fields. Failed and interrupted runs keep `error`.
 * Unlike an orchestrator's RunRow (written once the run ended), a stored row exists while the run
 * trains, so its `result` can also be 'running' (with DR-003 'n/a' metrics until it ends). `result`
 * is the one status field.
 */
export interface StoredRun extends Omit<RunRow, 'result'>, RecordLabels {
  result: RunStatus;
  sweepId?: string;
  /** Position of the run's combination in its sweep grid (sweep runs only). */
  combinationIndex?: number;
  /** 'train' for sweep/single runs, 'distill' for a distilled student. */
  kind: 'train' | 'distill';
  mode?: TensorflowMode;
  seed: number;
  parameterCount?: number;
  durationMs?: number;
  history?: EpochEvent[];
  createdAt: string;
  finishedAt?: string;
}

export interface ModelSummary {
  modelId: string;
  framework: Framework;
  kind: 'trained' | 'distilled';
  datasetId: string;
  task: TaskKind;
  params: TrainingCombination & { seed: number; mode?: TensorflowMode };
  metric_name: string;
  metric_score: number;
  parameterCount: number;
  files: string[];
  createdAt: string;
  teacherModelId?: string;
  distillMetrics?: DistillMetrics;
  runId?: string;
  /**
   * The run the model came from, as GET /api/models reports it (sweep, number, kind, time); absent
   * when the run was deleted (then `runId` still names it) or the model predates run links.
   */
  run?: Pick<StoredRun, 'id' | 'kind' | 'sweepId' | 'combinationIndex' | 'createdAt'>;
}

/** A row to predict: values keyed by column name, or the values in the model's raw-column order. */
export type PredictRow = Record<string, string | number | null> | ReadonlyArray<string | number | null>;

/** What `POST /api/models/:id/predict` answers: one prediction per row, in the rows' order. */
export interface PredictionResult {
  modelId: string;
  task: TaskKind;
  /** The feature columns a row must carry, in the training CSV's order (an array row's order). */
  columns: string[];
  /** A label (classification) or a number in the target's own units (regression). */
  predictions: Array<string | number>;
  /** Classification only: per row, one probability per label in `labels` order. */
  probabilities?: number[][];
  labels?: string[];
}

export type SweepStatus = 'running' | 'completed' | 'cancelled' | 'interrupted' | 'failed';

/**
 * The raw sweep fields exactly as the user typed them (validated by the core validators), with the
 * opt-in search options (strategy, budget, pruner); without them a sweep is DR-001's grid.
 */
/**
 * A sweep's fields as the user typed them. The SelectionOptions (validationSize, patience, minDelta;
 * never epochCheckpoints, which the server derives) go on every request of the sweep; without them a
 * sweep is today's two-way split trained to the last epoch.
 */
export interface SweepFields extends SearchOptions, Omit<SelectionOptions, 'epochCheckpoints'> {
  framework: Framework;
  mode?: TensorflowMode;
  datasetId: string;
  epochValues: string;
  batchSizes: string;
  learningRates: string;
  testSizes: string;
  hiddenDims: string;
  numHiddenLayers: string;
  dropouts: string;
  seed?: number;
  concurrency?: number;
  /**
   * Issue 16: train combinations as fused groups and share epoch prefixes whenever the engine can
   * (absent: automatic); false trains every combination on its own (comparisons, debugging).
   */
  fused?: boolean;
}

/** A sweep's best completed run: by validation score when its runs have one, else by test score. */
export interface SweepBest {
  runId: string;
  combinationIndex?: number;
  metric_name: string;
  score: number;
  /** Whether `score` is the validation score (val_score) rather than the test score. */
  validation: boolean;
}

/** `done` counts completed combinations; the other counts name the rest (SweepCounts). */
export interface SweepRecord extends SweepCounts, RecordLabels {
  id: string;
  status: SweepStatus;
  fields: SweepFields;
  combinations: TrainingCombination[];
  total: number;
  error?: string;
  createdAt: string;
  finishedAt?: string;
  /**
   * Why a search (random, tpe) stopped starting runs: its budget was spent, e.g.
   * 'Budget spent: 5.01 minutes (maxMinutes 5)'. The sweep still ends `completed`.
   */
  endReason?: string;
  best?: SweepBest;
}

/** Server-sent events of `GET /api/sweeps/:id/events` (event name = `type`). */
export type SweepEvent =
  | ({ type: 'progress'; total: number } & SweepCounts)
  | { type: 'row'; row: StoredRun }
  | ({ type: 'epoch'; combinationIndex: number; runId?: string } & EpochEvent)
  | { type: 'done'; status: SweepStatus };

export interface HealthInfo {
  status: 'ok';
  version: string;
  engines: { pytorch: EngineStatusInfo; tensorflow: EngineStatusInfo };
}
