import type {
  EpochEvent,
  Framework,
  LabelsPatch,
  StopReason,
  StoredRun,
  SweepAttempt,
  TensorflowMode,
  TrainingCombination,
} from '@trainyard/core';
import type { Kysely, Selectable } from 'kysely';
import { labelValues, withLabels } from './labelColumns.js';
import { distinctOwners, ownedBy, ownerValues } from './ownerColumns.js';
import type { ProcessOwner } from './processOwner.js';
import type { RunsTable, StoreSchema } from './schema.js';

/** What is known when a run starts: written at once, so a crash never loses the attempt. */
export interface NewRun {
  id: string;
  framework: Framework;
  kind: 'train' | 'distill';
  mode?: TensorflowMode;
  datasetId: string;
  seed: number;
  combination: TrainingCombination;
  sweepId?: string;
  combinationIndex?: number;
  createdAt: string;
}

export interface CompletedRun {
  metric_name: string;
  metric_score: number;
  train_loss: number;
  test_loss: number;
  modelId: string;
  modelPath: string;
  parameterCount?: number;
  durationMs: number;
  history: EpochEvent[];
  finishedAt: string;
  /** Model selection (TrainResponse): absent on responses without them. */
  val_score?: number;
  /** Under k-fold: the standard deviation of the folds' validation scores. */
  val_score_std?: number;
  val_loss?: number;
  best_epoch?: number;
  stopped_epoch?: number;
  pruned?: boolean;
}

export interface RunFilter {
  framework?: Framework;
  datasetId?: string;
  sweepId?: string;
  /** Runs carrying this tag. */
  tag?: string;
}

/** A stored run with its place in the sweep grid (core's StoredRun carries `combinationIndex`). */
export type SweepRun = StoredRun;

export interface RunStore {
  insert(run: NewRun): Promise<void>;
  complete(id: string, result: CompletedRun): Promise<void>;
  /** `stopReason`: the run was stopped (cancelled, interrupted, stopped early), it did not fail on its own. */
  fail(
    id: string,
    error: string,
    finishedAt: string,
    history?: EpochEvent[],
    stopReason?: StopReason,
  ): Promise<void>;
  get(id: string): Promise<SweepRun | undefined>;
  /** Newest first. */
  list(filter?: RunFilter): Promise<SweepRun[]>;
  /** A sweep's runs in grid order (then attempt order). */
  forSweep(sweepId: string): Promise<SweepRun[]>;
  delete(id: string): Promise<boolean>;
  /** Changes the name, tags or notes; false when there is no such run. */
  setLabels(id: string, patch: LabelsPatch): Promise<boolean>;
  /** Deletes every run of a sweep; returns how many, and the ids of the models they pointed at. */
  deleteForSweep(sweepId: string): Promise<{ runs: number; modelIds: string[] }>;
  /** The distinct owners of runs still 'running' (null: rows that record none). */
  runningOwners(): Promise<Array<ProcessOwner | null>>;
  /** Marks the 'running' runs of `owner` (null: of no owner) failed 'interrupted' with `reason`; returns how many. */
  failRunningOf(owner: ProcessOwner | null, reason: string, finishedAt: string): Promise<number>;
  /** Clears model references to a model whose files are gone. */
  forgetModel(modelId: string): Promise<void>;
}

/** `owner` is the process that opened the store: every run it inserts is stamped with it. */
export function createRunStore(db: Kysely<StoreSchema>, owner: ProcessOwner): RunStore {
  return {
    async insert(run) {
      const c = run.combination;
      await db
        .insertInto('runs')
        .values({
          id: run.id,
          sweep_id: run.sweepId ?? null,
          combination_index: run.combinationIndex ?? null,
          framework: run.framework,
          kind: run.kind,
          mode: run.mode ?? null,
          dataset_id: run.datasetId,
          status: 'running',
          seed: run.seed,
          epochs: c.epochs,
          batch_size: c.batchSize,
          learning_rate: c.learningRate,
          test_size: c.testSize,
          hidden_dim: c.hiddenDim,
          num_hidden_layers: c.numHiddenLayers,
          dropout: c.dropout,
          metric_name: null,
          metric_score: null,
          train_loss: null,
          test_loss: null,
          model_id: null,
          model_path: null,
          error: null,
          stop_reason: null,
          parameter_count: null,
          duration_ms: null,
          history: null,
          created_at: run.createdAt,
          finished_at: null,
          ...ownerValues(owner),
        })
        .execute();
    },
    async complete(id, r) {
      await db
        .updateTable('runs')
        .set({
          status: 'completed',
          metric_name: r.metric_name,
          metric_score: r.metric_score,
          train_loss: r.train_loss,
          test_loss: r.test_loss,
          model_id: r.modelId,
          model_path: r.modelPath,
          parameter_count: r.parameterCount ?? null,
          duration_ms: r.durationMs,
          history: JSON.stringify(r.history),
          finished_at: r.finishedAt,
          val_score: r.val_score ?? null,
          val_score_std: r.val_score_std ?? null,
          val_loss: r.val_loss ?? null,
          best_epoch: r.best_epoch ?? null,
          stopped_epoch: r.stopped_epoch ?? null,
          pruned: r.pruned === undefined ? null : Number(r.pruned),
        })
        .where('id', '=', id)
        .execute();
    },
    async fail(id, error, finishedAt, history, stopReason) {
      await db
        .updateTable('runs')
        .set({
          status: 'failed',
          error,
          stop_reason: stopReason ?? null,
          finished_at: finishedAt,
          history: history ? JSON.stringify(history) : null,
        })
        .where('id', '=', id)
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStoredRun(row);
    },
    async list(filter = {}) {
      let q = db.selectFrom('runs').selectAll();
      if (filter.framework) q = q.where('framework', '=', filter.framework);
      if (filter.datasetId) q = q.where('dataset_id', '=', filter.datasetId);
      if (filter.sweepId) q = q.where('sweep_id', '=', filter.sweepId);
      const rows = await q.orderBy('created_at', 'desc').orderBy('seq', 'desc').execute();
      const runs = rows.map(toStoredRun);
      const { tag } = filter;
      return tag ? runs.filter((r) => r.tags?.includes(tag)) : runs;
    },
    async forSweep(sweepId) {
      const rows = await db
        .selectFrom('runs')
        .selectAll()
        .where('sweep_id', '=', sweepId)
        .orderBy('combination_index')
        .orderBy('seq')
        .execute();
      return rows.map(toStoredRun);
    },
    async delete(id) {
      const res = await db.deleteFrom('runs').where('id', '=', id).executeTakeFirst();
      return res.numDeletedRows > 0n;
    },
    async setLabels(id, patch) {
      const set = labelValues(patch);
      const q =
        Object.keys(set).length === 0 ? undefined : db.updateTable('runs').set(set).where('id', '=', id);
      if (!q)
        return (
          (await db.selectFrom('runs').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
        );
      return (await q.executeTakeFirst()).numUpdatedRows > 0n;
    },
    async deleteForSweep(sweepId) {
      const rows = await db
        .deleteFrom('runs')
        .where('sweep_id', '=', sweepId)
        .returning('model_id')
        .execute();
      return { runs: rows.length, modelIds: rows.flatMap((r) => (r.model_id === null ? [] : [r.model_id])) };
    },
    async runningOwners() {
      const rows = await db
        .selectFrom('runs')
        .select(['owner_host', 'owner_pid', 'owner_token'])
        .distinct()
        .where('status', '=', 'running')
        .execute();
      return distinctOwners(rows);
    },
    async failRunningOf(runOwner, reason, finishedAt) {
      const res = await db
        .updateTable('runs')
        .set({ status: 'failed', error: reason, stop_reason: 'interrupted', finished_at: finishedAt })
        .where('status', '=', 'running')
        .where(ownedBy(runOwner))
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
    async forgetModel(modelId) {
      await db
        .updateTable('runs')
        .set({ model_id: null, model_path: null })
        .where('model_id', '=', modelId)
        .execute();
    },
  };
}

const na = <T>(v: T | null): T | 'n/a' => (v === null ? 'n/a' : v);

/** A stored status as a run's result: anything that is neither completed nor running has failed. */
export const resultOf = (status: string): StoredRun['result'] =>
  status === 'completed' || status === 'running' ? status : 'failed';

/** What sweep counts need of a stored run (columns of the runs table). */
export function toSweepAttempt(
  r: Pick<Selectable<RunsTable>, 'combination_index' | 'status' | 'stop_reason'>,
): SweepAttempt {
  const attempt: SweepAttempt = { result: resultOf(r.status) };
  if (r.combination_index !== null) attempt.combinationIndex = r.combination_index;
  if (r.stop_reason !== null) attempt.stopReason = r.stop_reason as StopReason;
  return attempt;
}

/**
 * DR-003: anything without a finished metric reads 'n/a'. A running row reads `result: 'running'`
 * (never 'failed' before it has failed) with 'n/a' metrics until it ends.
 */
function toStoredRun(r: Selectable<RunsTable>): SweepRun {
  const run: SweepRun = {
    id: r.id,
    framework: r.framework as Framework,
    datasetId: r.dataset_id,
    kind: r.kind as 'train' | 'distill',
    result: resultOf(r.status),
    seed: r.seed,
    epochs: r.epochs,
    batchSize: r.batch_size,
    learningRate: r.learning_rate,
    testSize: r.test_size,
    hiddenDim: r.hidden_dim,
    numHiddenLayers: r.num_hidden_layers,
    dropout: r.dropout,
    metric_name: r.status === 'completed' ? (r.metric_name ?? 'n/a') : 'n/a',
    metric_score: r.status === 'completed' ? na(r.metric_score) : 'n/a',
    train_loss: r.status === 'completed' ? na(r.train_loss) : 'n/a',
    test_loss: r.status === 'completed' ? na(r.test_loss) : 'n/a',
    createdAt: r.created_at,
  };
  if (r.sweep_id !== null) run.sweepId = r.sweep_id;
  if (r.combination_index !== null) run.combinationIndex = r.combination_index;
  if (r.mode !== null) run.mode = r.mode as TensorflowMode;
  if (r.model_id !== null) run.modelId = r.model_id;
  if (r.model_path !== null) run.modelPath = r.model_path;
  if (r.error !== null) run.error = r.error;
  if (r.stop_reason !== null) run.stopReason = r.stop_reason as StopReason;
  if (r.parameter_count !== null) run.parameterCount = r.parameter_count;
  if (r.duration_ms !== null) run.durationMs = r.duration_ms;
  if (r.history !== null) run.history = JSON.parse(r.history) as EpochEvent[];
  if (r.finished_at !== null) run.finishedAt = r.finished_at;
  if (r.status === 'completed') {
    if (r.val_score !== null) run.val_score = r.val_score;
    if (r.val_score_std !== null && r.val_score_std !== undefined) run.val_score_std = r.val_score_std;
    if (r.val_loss !== null) run.val_loss = r.val_loss;
    if (r.best_epoch !== null) run.best_epoch = r.best_epoch;
    if (r.stopped_epoch !== null) run.stopped_epoch = r.stopped_epoch;
    if (r.pruned !== null) run.pruned = r.pruned === 1;
  }
  return withLabels(run, r);
}
