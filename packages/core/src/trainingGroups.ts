import type { TrainingCombination } from './types.js';

/** Models fused into one training at most, unless the caller says otherwise (issue 16's measured 16-MLP stack). */
export const DEFAULT_MAX_GROUP_SIZE = 16;

/**
 * A unit of work of the orchestrator: chains trained in one call (one chain: a single training; more:
 * a fused group). A chain is positions whose combinations differ only in `epochs`, by increasing
 * epochs: its last is trained, the others are its epoch checkpoints (shared prefixes, issue 11).
 */
export type TrainingTask = number[][];

export interface GroupingOptions {
  /** Chain combinations that differ only in `epochs` (shared epoch prefixes). */
  prefixes: boolean;
  /** Chains fused into one task at most; 1 trains every chain on its own. */
  maxGroupSize: number;
  /** Tasks run at once: a fused group is cut so each slot gets one (never fewer than `slots` groups of a key). */
  slots: number;
}

/** What a chain's combinations share: everything but epochs. */
const chainKey = (c: TrainingCombination) =>
  [c.batchSize, c.learningRate, c.testSize, c.hiddenDim, c.numHiddenLayers, c.dropout].join('|');

/** What fused models share (issue 16): the split (testSize; seed and validation are the sweep's), batch size and depth. */
const fuseKey = (c: TrainingCombination) => [c.testSize, c.batchSize, c.numHiddenLayers].join('|');

/**
 * Splits positions 0..n-1 of `combinations` into tasks, ordered by their first position: chains of
 * combinations differing only in epochs (each epoch count once per chain), then chains of one split,
 * batch size and depth fused up to `maxGroupSize` (and cut into at least `slots` groups).
 *
 * @example planTrainingTasks([c10, c20, d10], { prefixes: true, maxGroupSize: 1, slots: 1 }) // [[[0, 1]], [[2]]]
 */
export function planTrainingTasks(
  combinations: readonly TrainingCombination[],
  o: GroupingOptions,
): TrainingTask[] {
  const chains: number[][] = [];
  const open = new Map<string, number[][]>();
  for (const [position, c] of combinations.entries()) {
    const key = chainKey(c);
    const candidates = o.prefixes ? (open.get(key) ?? []) : [];
    const chain = candidates.find((ch) => ch.every((p) => combinations[p]!.epochs !== c.epochs));
    if (chain) chain.push(position);
    else {
      const fresh = [position];
      chains.push(fresh);
      open.set(key, [...candidates, fresh]);
    }
  }
  for (const chain of chains) chain.sort((a, b) => combinations[a]!.epochs - combinations[b]!.epochs);
  const first = (chain: number[]) => Math.min(...chain);

  const byFuseKey = new Map<string, number[][]>();
  for (const chain of chains) {
    const key = o.maxGroupSize > 1 ? fuseKey(combinations[chain[0]!]!) : `chain ${first(chain)}`;
    byFuseKey.set(key, [...(byFuseKey.get(key) ?? []), chain]);
  }
  const tasks: TrainingTask[] = [];
  for (const group of byFuseKey.values()) {
    const size = Math.max(1, Math.min(o.maxGroupSize, Math.ceil(group.length / Math.max(1, o.slots))));
    for (let i = 0; i < group.length; i += size) tasks.push(group.slice(i, i + size));
  }
  return tasks.sort((a, b) => Math.min(...a.map(first)) - Math.min(...b.map(first)));
}
