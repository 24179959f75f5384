import type { NumericFieldRule } from '../fieldRules.js';
import { MAX_SWEEP_COMBINATIONS } from '../sweepCombinations.js';

const rule = (
  label: string,
  min: number,
  max: number,
  integer: boolean,
  minExclusive = false,
): NumericFieldRule => ({ label, min, max, integer, minExclusive, maxExclusive: false });

/**
 * Bounds of the search and pruning fields of a sweep request, in FIELD_RULES' shape so numberField and
 * checkNumber give them the same messages as every other number.
 *
 * @example checkNumber(SEARCH_FIELD_RULES.maxRuns, 0) // 'Max runs out of range (1-10000): 0'
 */
export const SEARCH_FIELD_RULES = {
  /** A budget of runs never exceeds what a grid may hold. */
  maxRuns: rule('Max runs', 1, MAX_SWEEP_COMBINATIONS, true),
  /** Minutes of wall-clock time, fractions allowed; a week at most. */
  maxMinutes: rule('Max minutes', 0, 10_080, false, true),
  /** Epochs before the first pruning decision: the first ASHA rung, or the median rule's warm-up. */
  gracePeriod: rule('Grace period', 1, 500, true),
  /** ASHA's η: a run continues past a rung only when in the top 1/η there. */
  reductionFactor: rule('Reduction factor', 2, 10, true),
  searchSeed: rule('Search seed', 0, 4_294_967_295, true),
} as const satisfies Record<string, NumericFieldRule>;

export type SearchNumericField = keyof typeof SEARCH_FIELD_RULES;
