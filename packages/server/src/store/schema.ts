/**
 * Table shapes as Kysely sees them. Column names are snake_case so the same migrations read
 * naturally on PostgreSQL when the scale-out issue moves the store there.
 */
import type { Generated } from 'kysely';

/** Who executes a running run or an active sweep (store/processOwner.ts); null on rows from before 0002. */
export interface OwnerColumns {
  owner_host: string | null;
  owner_pid: number | null;
  owner_token: string | null;
}

/** Names, tags (JSON array) and notes people write (migration 0005); null when none. */
export interface LabelColumns {
  name: string | null;
  tags: string | null;
  notes: string | null;
}

export interface RunsTable extends OwnerColumns, LabelColumns {
  id: string;
  sweep_id: string | null;
  /** Position of the run's combination in its sweep grid; null for single runs. */
  combination_index: number | null;
  framework: string;
  kind: string;
  mode: string | null;
  dataset_id: string;
  status: string;
  seed: number;
  epochs: number;
  batch_size: number;
  learning_rate: number;
  test_size: number;
  hidden_dim: number;
  num_hidden_layers: number;
  dropout: number;
  metric_name: string | null;
  metric_score: number | null;
  train_loss: number | null;
  test_loss: number | null;
  model_id: string | null;
  model_path: string | null;
  error: string | null;
  /** StopReason of a failed run that was stopped rather than failing (migration 0003); else null. */
  stop_reason: string | null;
  parameter_count: number | null;
  duration_ms: number | null;
  /** JSON array of EpochEvent. */
  history: string | null;
  created_at: string;
  finished_at: string | null;
  /** Model selection (migration 0004); null on older rows and runs without a validation split. */
  val_score: number | null;
  /** Under k-fold: the folds' validation score standard deviation (migration 0008); else null. */
  val_score_std: number | null;
  val_loss: number | null;
  best_epoch: number | null;
  stopped_epoch: number | null;
  /** 0 or 1 (SQLite has no boolean); null on older rows. */
  pruned: number | null;
  /** Insertion order, to break created_at ties deterministically. */
  seq: Generated<number>;
}

export interface SweepsTable extends OwnerColumns, LabelColumns {
  id: string;
  status: string;
  /** JSON SweepFields exactly as submitted. */
  fields: string;
  /** JSON TrainingCombination[] in grid order. */
  combinations: string;
  total: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  /** Why a search stopped starting runs (its budget), since 0007_sweep_end_reason. */
  end_reason: string | null;
}

export interface ModelsTable {
  id: string;
  framework: string;
  dataset_id: string;
  run_id: string | null;
  /** JSON ModelSummary as the trainers' model store described it. */
  summary: string;
  created_at: string;
}

export interface StoreSchema {
  runs: RunsTable;
  sweeps: SweepsTable;
  models: ModelsTable;
}
