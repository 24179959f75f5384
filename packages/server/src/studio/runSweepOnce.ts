import {
  type BudgetTracker,
  type CallOptions,
  createBudgetTracker,
  createProgressFanout,
  DEFAULT_SEED,
  type Framework,
  type GroupOutcome,
  type ProgressHooks,
  runPytorchTraining,
  runTensorflowTraining,
  type SelectionOptions,
  type StoredRun,
  type SweepFields,
  type SweepRecord,
  searchTimeSpentMs,
  sweepProgress,
  type TrainRequest,
  type TrainResponse,
  validateSearchPlan,
} from '@trainyard/core';
import { createOptunaTpeSampler } from '@trainyard/trainers';
import type { Store } from '../store/createStore.js';
import type { PersistingMlApi } from './persistingMlApi.js';
import type { SweepEvents } from './sweepEvents.js';
import { sweepPruning } from './sweepPruning.js';
import { type CreateSampler, sweepSampler } from './sweepSampler.js';

export interface RunSweepOnceOptions {
  rec: SweepRecord;
  /** The combinations to train: all of them, or those a resume found missing. */
  indexes: number[];
  signal: AbortSignal;
  api: PersistingMlApi;
  store: Store;
  events: SweepEvents;
  /** Parallel combinations of a sweep that names no `concurrency`. */
  defaultConcurrency: number;
  /** Minimum gap between two epoch events of one run (the last epoch always passes). */
  epochThrottleMs: number;
  now: () => number;
  /** The TPE sampler of a tpe sweep; default Optuna's, through the trainers' sidecar. */
  createSampler?: CreateSampler;
}

/**
 * One call of the core orchestrator for a durable sweep (or what a resume left): it schedules the
 * combinations `concurrency` at a time, exactly as in the browser and the CLI. Its hooks, through
 * core's progress fan-out (which throttles epochs), become the sweep's events, read back from the
 * store the persisting api writes every run to.
 *
 * @example await runSweepOnce({ rec, indexes: [0, 1, 2, 3], signal, api, store, events, defaultConcurrency: 2, epochThrottleMs: 100, now: Date.now });
 */
export async function runSweepOnce(o: RunSweepOnceOptions): Promise<void> {
  const { rec, api, store, events } = o;
  const { fields } = rec;
  const runIds = new Map<number, string>();
  const toEvents: ProgressHooks = {
    onEpochEnd(index, e) {
      const runId = runIds.get(index);
      events.emit(rec.id, { type: 'epoch', combinationIndex: index, ...(runId ? { runId } : {}), ...e });
    },
    async onRunEnd(index) {
      const runId = runIds.get(index);
      runIds.delete(index);
      const row = runId === undefined ? undefined : await store.runs.get(runId);
      if (row) events.emit(rec.id, { type: 'row', row });
      const progress = await store.sweeps.get(rec.id);
      if (progress) events.emit(rec.id, sweepProgress(progress));
    },
  };
  const fanout = createProgressFanout([toEvents], {
    epochThrottleMs: o.epochThrottleMs,
    now: o.now,
  });
  const stored = await store.runs.forSweep(rec.id);
  const pruning = sweepPruning(rec, stored);
  const tpe = await sweepSampler(rec, stored, store, o.createSampler ?? createOptunaTpeSampler);
  // The schedulers see every epoch (unthrottled), before the events do.
  const schedulers: ProgressHooks[] = [...(pruning ? [pruning] : []), ...(tpe ? [tpe.hooks] : [])];
  const { onRunStart, onEpochEnd, onRunEnd }: ProgressHooks = {
    async onRunStart(index, combination, run) {
      for (const s of schedulers) await s.onRunStart?.(index, combination, run);
      await fanout.onRunStart(index, combination, run);
    },
    onEpochEnd(index, event) {
      for (const s of schedulers) s.onEpochEnd?.(index, event);
      fanout.onEpochEnd(index, event);
    },
    async onRunEnd(index, row) {
      for (const s of schedulers) await s.onRunEnd?.(index, row);
      await fanout.onRunEnd(index, row);
    },
  };
  const tagOf = (req: TrainRequest) => {
    const { combinationIndex } = req;
    // The orchestrator tags every request of a sweep (it is given `sweepId`); anything else is a bug.
    if (combinationIndex === undefined)
      throw new Error(`Sweep ${rec.id} sent a request without its combination index`);
    return {
      sweepId: rec.id,
      combinationIndex,
      dropPrunedModel: pruning !== null && !fields.keepPrunedModels,
      onRunStart: (id: string, index: number) => runIds.set(index, id),
    };
  };
  const train =
    (framework: Framework) =>
    (req: TrainRequest, call?: CallOptions): Promise<TrainResponse> =>
      api.train(framework, req, call, tagOf(req));
  const group = (framework: Framework) => {
    const { trainGroup } = api;
    const can = framework === 'pytorch' ? api.trainPytorchGroup : api.trainTensorflowGroup;
    if (!trainGroup || !can) return undefined;
    return (reqs: TrainRequest[], calls: CallOptions[]): Promise<GroupOutcome[]> =>
      trainGroup(framework, reqs, calls, reqs.map(tagOf));
  };
  const budget = sweepBudget(rec, o.indexes.length, o.now, stored);
  if (rec.endReason !== undefined) await store.sweeps.setEndReason(rec.id, null);
  const sweep = {
    ...(budget ? { budget } : {}),
    ...(tpe ? { ask: tpe.ask } : {}),
    datasetId: fields.datasetId,
    combinations: rec.combinations,
    indexes: o.indexes,
    concurrency: fields.concurrency ?? o.defaultConcurrency,
    signal: o.signal,
    seed: fields.seed ?? DEFAULT_SEED,
    selection: sweepSelection(fields),
    sweepId: rec.id,
    // Fused groups and shared epoch prefixes unless the sweep says `fused: false` or the api cannot.
    fused: fields.fused !== false && api.sharesTrainings,
    pruning: pruning !== null,
    // The persisting api stores every row as it ends; the orchestrator's own list is not needed.
    appendRow: () => {},
    onProgress: () => {},
    onRunStart,
    onEpochEnd,
    onRunEnd,
  };
  try {
    if (fields.framework === 'pytorch') {
      const trainPytorchGroup = group('pytorch');
      await runPytorchTraining({
        ...sweep,
        api: { trainPytorch: train('pytorch'), ...(trainPytorchGroup ? { trainPytorchGroup } : {}) },
      });
    } else {
      const mode = fields.mode ?? 'mlp';
      const trainTensorflowGroup = group('tensorflow');
      await runTensorflowTraining({
        ...sweep,
        api: {
          trainTensorflow: train('tensorflow'),
          ...(trainTensorflowGroup ? { trainTensorflowGroup } : {}),
        },
        mode,
      });
    }
  } finally {
    await tpe?.close();
  }
  // A cancelled or interrupted sweep says why through its status, not its budget.
  const end = o.signal.aborted ? null : budget?.end();
  if (end) await store.sweeps.setEndReason(rec.id, end.message);
}

/**
 * The search budget of a random sweep (maxRuns, maxMinutes), or undefined for a grid. The combinations
 * a resume does not retrain count as started; the time budget counts the time the stored runs took
 * (earlier sessions) plus this session's.
 */
function sweepBudget(
  rec: SweepRecord,
  toTrain: number,
  now: () => number,
  stored: readonly StoredRun[],
): BudgetTracker | undefined {
  const checked = validateSearchPlan(rec.fields);
  if (!checked.ok || checked.plan.strategy === 'grid') return undefined;
  const { budget } = checked.plan;
  if (budget.maxRuns === undefined && budget.maxMinutes === undefined) return undefined;
  return createBudgetTracker({
    budget,
    runsBefore: rec.combinations.length - toTrain,
    elapsedBeforeMs: searchTimeSpentMs(stored),
    now,
  });
}

/** The selection fields a sweep sends on every request: only those it names, so a plain sweep is unchanged. */
function sweepSelection(fields: SweepFields): SelectionOptions {
  const { validationSize, patience, minDelta, folds } = fields;
  return {
    ...(validationSize !== undefined ? { validationSize } : {}),
    ...(patience !== undefined ? { patience } : {}),
    ...(minDelta !== undefined ? { minDelta } : {}),
    ...(folds !== undefined ? { folds } : {}),
  };
}
