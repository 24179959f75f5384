import type { StoredRun } from './studioTypes.js';
import type { TrainingCombination } from './types.js';

/** The hyperparameters a run list can be filtered by (every TrainingCombination field). */
export const RUN_PARAMS = [
  'epochs',
  'batchSize',
  'learningRate',
  'testSize',
  'hiddenDim',
  'numHiddenLayers',
  'dropout',
] as const satisfies ReadonlyArray<keyof TrainingCombination>;
export type RunParam = (typeof RUN_PARAMS)[number];

/** Narrowing beyond the server's framework/dataset/sweep filter: a score range and one hyperparameter value. */
export interface RunRangeFilter {
  /** Inclusive bounds on metric_score; a run without a score never matches a bound. */
  minScore?: number;
  maxScore?: number;
  param?: RunParam;
  value?: number;
}

type FilteredRun = Pick<StoredRun, 'metric_score'> & TrainingCombination;

/**
 * Whether a run passes the score range and hyperparameter filter (the Runs page and `trainyard runs`).
 *
 * @example runMatches(run, { minScore: 0.9, param: 'learningRate', value: 0.01 })
 */
export function runMatches(run: FilteredRun, f: RunRangeFilter): boolean {
  const score = typeof run.metric_score === 'number' ? run.metric_score : undefined;
  if (f.minScore !== undefined && (score === undefined || score < f.minScore)) return false;
  if (f.maxScore !== undefined && (score === undefined || score > f.maxScore)) return false;
  if (f.param !== undefined && f.value !== undefined && run[f.param] !== f.value) return false;
  return true;
}

/**
 * The distinct values of each hyperparameter among `runs`, ascending: the choices of a filter.
 *
 * @example paramValues(runs).learningRate // [0.001, 0.01]
 */
export function paramValues(runs: readonly TrainingCombination[]): Record<RunParam, number[]> {
  const out = {} as Record<RunParam, number[]>;
  for (const p of RUN_PARAMS) {
    out[p] = [...new Set(runs.map((r) => r[p]).filter((v) => typeof v === 'number'))].sort((a, b) => a - b);
  }
  return out;
}
