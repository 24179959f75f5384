import {
  createPruner,
  type ProgressHooks,
  type RunControl,
  type StoredRun,
  type SweepRecord,
  validateSearchPlan,
} from '@trainyard/core';

/**
 * The sweep's pruner (ASHA or the median rule) as orchestrator hooks: every epoch's validation score
 * is reported, and a 'prune' decision calls the run's `prune()`, so the engine stops after that epoch
 * and the row is kept, completed and `pruned`. Not throttled: the pruner must see every epoch. A
 * resumed sweep replays its stored runs' curves first. Null when the sweep names no pruner.
 *
 * @example const pruning = sweepPruning(rec, await store.runs.forSweep(rec.id));
 */
export function sweepPruning(rec: SweepRecord, stored: readonly StoredRun[]): Required<ProgressHooks> | null {
  const checked = validateSearchPlan(rec.fields);
  const config = checked.ok ? checked.plan.pruner : null;
  if (!config) return null;
  const history = stored.flatMap((run) => {
    const values = (run.history ?? []).flatMap((e) => (e.val_score === undefined ? [] : [e.val_score]));
    if (values.length === 0 || run.result === 'running') return [];
    const state = run.result === 'failed' ? 'failed' : run.pruned ? 'pruned' : 'completed';
    return [{ trial: run.id, values, state } as const];
  });
  const maxEpochs = Math.max(1, ...rec.combinations.map((c) => c.epochs));
  const pruner = createPruner(config, maxEpochs, history);
  const trials = new Map<number, { trial: string; run: RunControl | undefined }>();
  let started = 0;
  return {
    onRunStart(index, _combination, run) {
      trials.set(index, { trial: `new-${++started}`, run });
    },
    onEpochEnd(index, event) {
      const t = trials.get(index);
      if (!t || event.val_score === undefined) return;
      const decision = pruner.report(t.trial, event.epoch, event.val_score);
      if (decision === 'prune' && event.epoch < event.epochs) t.run?.prune();
    },
    onRunEnd(index, row) {
      const t = trials.get(index);
      trials.delete(index);
      if (!t) return;
      pruner.finish(t.trial, row.result === 'failed' ? 'failed' : row.pruned ? 'pruned' : 'completed');
    },
  };
}
