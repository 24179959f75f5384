import type { PruneDecision } from './asha.js';
import { percentile } from './quantile.js';

export interface MedianStoppingConfig {
  /** Epochs before the first decision (Optuna's n_warmup_steps with epochs as steps). */
  gracePeriod: number;
  /** Completed trials needed before any trial is stopped (Optuna's n_startup_trials, default 5). */
  startupTrials: number;
}

/** Optuna MedianPruner's default n_startup_trials. */
export const DEFAULT_MEDIAN_STARTUP_TRIALS = 5;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017) with Optuna MedianPruner's
 * semantics: after epoch `current.length`, stop the trial when its best value so far is below the
 * median of the completed trials' values at that same epoch. No decision before `gracePeriod`, nor
 * while fewer than `startupTrials` trials completed, nor when no completed trial reached this epoch;
 * a trial whose values are all NaN is stopped. Values: index e−1 holds the value after epoch e,
 * higher is better.
 *
 * @example medianStoppingDecision({ gracePeriod: 1, startupTrials: 1 }, [[0.8, 0.9]], [0.5, 0.6]) // 'prune'
 */
export function medianStoppingDecision(
  config: MedianStoppingConfig,
  completed: ReadonlyArray<readonly number[]>,
  current: readonly number[],
): PruneDecision {
  const epoch = current.length;
  if (completed.length === 0 || completed.length < config.startupTrials) return 'continue';
  if (epoch === 0 || epoch < config.gracePeriod) return 'continue';
  const seen = current.filter((v) => !Number.isNaN(v));
  if (seen.length === 0) return 'prune';
  const best = Math.max(...seen);
  const atEpoch = completed.filter((values) => values.length >= epoch).map((values) => values[epoch - 1]!);
  const median = percentile(atEpoch, 50);
  return median !== null && best < median ? 'prune' : 'continue';
}
