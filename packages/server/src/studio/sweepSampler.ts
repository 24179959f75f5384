import {
  combinationKey,
  createRandomSampler,
  drawsAsItGoes,
  type ProgressHooks,
  type RunRow,
  type Sampler,
  type SamplerOptions,
  type StoredRun,
  type StoredTrial,
  type SweepRecord,
  type TrainingCombination,
  type TrialOutcome,
  validateSearchPlan,
} from '@trainyard/core';
import type { Store } from '../store/createStore.js';

/** Starts a sampler (default: Optuna's TPE through the trainers' sidecar). */
export type CreateSampler = (o: SamplerOptions & { maxRuns?: number }) => Promise<Sampler>;

/** Asks give up after this many suggestions in a row that were already stored (a small space is spent). */
const MAX_DUPLICATE_ASKS = 50;

/** How a stored or finished row reads to a sampler: the validation score is the objective. */
function outcomeOf(row: {
  result: RunRow['result'] | StoredRun['result'];
  pruned?: boolean | undefined;
  val_score?: number | undefined;
  stopped_epoch?: number | undefined;
}): TrialOutcome {
  if (row.result !== 'completed' || row.val_score === undefined) return { state: 'failed', value: null };
  return {
    state: row.pruned ? 'pruned' : 'completed',
    value: row.val_score,
    ...(row.stopped_epoch === undefined ? {} : { epoch: row.stopped_epoch }),
  };
}

/**
 * The ask-and-tell source of a sweep that draws as it goes (tpe; random over ranges bounded by
 * maxMinutes alone, seeded, so a resume draws the same sequence) for the orchestrator: `ask` gets a suggestion, skips one
 * already stored (telling the sampler its stored outcome), appends it to the stored sweep (so a resume
 * replays it) and answers its index; `onRunEnd` tells the sampler the run's validation score. The
 * stored trials with a finished row are replayed into the sampler first. Null for a fixed list.
 *
 * @example const tpe = await sweepSampler(rec, stored, store, createOptunaTpeSampler); try { … } finally { await tpe?.close() }
 */
export async function sweepSampler(
  rec: SweepRecord,
  stored: readonly StoredRun[],
  store: Store,
  createSampler: CreateSampler,
): Promise<{
  ask: () => Promise<{ index: number; combination: TrainingCombination } | null>;
  hooks: Pick<Required<ProgressHooks>, 'onRunEnd'>;
  close: () => Promise<void>;
} | null> {
  const checked = validateSearchPlan(rec.fields);
  if (!checked.ok || !drawsAsItGoes(checked.plan)) return null;
  const history: StoredTrial[] = [];
  const outcomes = new Map<string, TrialOutcome>();
  for (const run of stored) {
    const combination = rec.combinations[run.combinationIndex ?? -1];
    if (!combination || run.result === 'running') continue;
    const outcome = outcomeOf(run);
    history.push({ combination, ...outcome });
    outcomes.set(combinationKey(combination), outcome);
  }
  const known = new Set(rec.combinations.map(combinationKey));
  const { maxRuns } = checked.plan.budget;
  const sampler =
    checked.plan.strategy === 'tpe'
      ? await createSampler({ plan: checked.plan, history, ...(maxRuns ? { maxRuns } : {}) })
      : createRandomSampler({ plan: checked.plan, history });
  const numbers = new Map<number, { number: number; combination: TrainingCombination }>();
  // One ask at a time: two free slots asking together must not append over each other (the store's
  // read-append-write is not atomic on PostgreSQL's read committed).
  let asking: Promise<unknown> = Promise.resolve();
  const ask = async (): Promise<{ index: number; combination: TrainingCombination } | null> => {
    for (let tries = 0; tries < MAX_DUPLICATE_ASKS; tries++) {
      const suggestion = await sampler.ask();
      if (!suggestion) return null;
      const key = combinationKey(suggestion.combination);
      if (known.has(key)) {
        await sampler.tell(suggestion.number, outcomes.get(key) ?? { state: 'failed', value: null });
        continue;
      }
      known.add(key);
      const index = await store.sweeps.appendCombination(rec.id, suggestion.combination);
      numbers.set(index, { number: suggestion.number, combination: suggestion.combination });
      return { index, combination: suggestion.combination };
    }
    return null;
  };
  return {
    ask() {
      const next = asking.then(ask);
      asking = next.catch(() => {});
      return next;
    },
    hooks: {
      async onRunEnd(index, row) {
        const asked = numbers.get(index);
        if (asked === undefined) return;
        numbers.delete(index);
        const outcome = outcomeOf(row);
        outcomes.set(combinationKey(asked.combination), outcome);
        await sampler.tell(asked.number, outcome);
      },
    },
    close: () => sampler.close(),
  };
}
