import { percentile } from './quantile.js';

/** One per-epoch validation report of a trial; higher values are better (accuracy, r2). */
export interface EpochReport {
  trial: string;
  /** 1-based epoch the value was measured after. */
  epoch: number;
  value: number;
}

export type PruneDecision = 'continue' | 'prune';

export interface AshaConfig {
  /** r: the first rung, in epochs. */
  gracePeriod: number;
  /** η: a run goes past a rung only when in the top 1/η of the values recorded there. */
  reductionFactor: number;
  /** R: the most epochs any trial of the sweep trains. */
  maxEpochs: number;
}

/** A rung: its epoch and the values recorded there, in arrival order. */
export interface AshaRung {
  epoch: number;
  recorded: ReadonlyArray<{ trial: string; value: number }>;
}

export interface AshaState {
  /** Ascending by epoch. */
  rungs: readonly AshaRung[];
}

/**
 * The rungs r·η^k up to R (Li et al. 2018, ASHA), ascending.
 *
 * @example ashaRungs({ gracePeriod: 1, reductionFactor: 3, maxEpochs: 27 }) // [1, 3, 9, 27]
 */
export function ashaRungs({ gracePeriod, reductionFactor, maxEpochs }: AshaConfig): number[] {
  const rungs: number[] = [];
  for (let epoch = gracePeriod; epoch <= maxEpochs; epoch *= reductionFactor) rungs.push(epoch);
  return rungs;
}

export const initialAshaState = (config: AshaConfig): AshaState => ({
  rungs: ashaRungs(config).map((epoch) => ({ epoch, recorded: [] })),
});

/**
 * ASHA, asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", 2018), in its stopping form, as Ray Tune's AsyncHyperBandScheduler runs it: a trial is never
 * paused for a later promotion but, on reaching a rung it has not been recorded at, is compared with the
 * values recorded there before it. It continues ("is promoted") when its value is at least the
 * (1 − 1/η) percentile of those, i.e. in their top 1/η; otherwise it is stopped. Either way its value is
 * recorded at the rung. The first trial at a rung always continues. A NaN value counts as −∞.
 * Pure: returns the new state and leaves the old one as it was.
 *
 * @example
 * let s = initialAshaState({ gracePeriod: 1, reductionFactor: 3, maxEpochs: 9 });
 * ({ state: s } = ashaStep(s, { trial: 'a', epoch: 1, value: 0.9 }, 3)); // continue (first at rung 1)
 * ashaStep(s, { trial: 'b', epoch: 1, value: 0.5 }, 3).decision; // 'prune': 0.5 < percentile([0.9], 66.7)
 */
export function ashaStep(
  state: AshaState,
  report: EpochReport,
  reductionFactor: number,
): { state: AshaState; decision: PruneDecision } {
  const value = Number.isNaN(report.value) ? Number.NEGATIVE_INFINITY : report.value;
  // The highest rung the trial has reached decides; lower ones were decided when it passed them.
  for (let i = state.rungs.length - 1; i >= 0; i--) {
    const rung = state.rungs[i]!;
    if (report.epoch < rung.epoch) continue;
    if (rung.recorded.some((r) => r.trial === report.trial)) break;
    const cutoff = percentile(
      rung.recorded.map((r) => r.value),
      (1 - 1 / reductionFactor) * 100,
    );
    const decision: PruneDecision = cutoff !== null && value < cutoff ? 'prune' : 'continue';
    const rungs = state.rungs.map((r, k) =>
      k === i ? { ...r, recorded: [...r.recorded, { trial: report.trial, value }] } : r,
    );
    return { state: { rungs }, decision };
  }
  return { state, decision: 'continue' };
}
