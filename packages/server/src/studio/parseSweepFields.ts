import {
  drawsAsItGoes,
  fixedSearchCombinations,
  MlApiError,
  parseOrThrow,
  type SweepFields,
  SweepRequestSchema,
  type TrainingCombination,
  validateSearchPlan,
} from '@trainyard/core';

/**
 * The raw sweep fields checked by the core validators (the same messages the browser shows) and the
 * combinations to train: the DR-001 grid in itertools.product order, or for `strategy: 'random'` the
 * seeded random search's first maxRuns suggestions (the whole grid shuffled without maxRuns), stored up
 * front like a grid's so a resume trains only what is missing. A search that draws as it goes (tpe, or
 * random over ranges bounded by maxMinutes alone) starts with none and appends each it asks for.
 *
 * @example parseSweepFields({ ...fields, epochValues: '0,10' }) // throws VALIDATION 'Epoch out of range (1-500): 0'
 */
export function parseSweepFields(raw: unknown): {
  fields: SweepFields;
  combinations: TrainingCombination[];
  /** The combinations' count, or for a search that appends them as it asks its maxRuns (0 without). */
  total: number;
} {
  const fields = parseOrThrow(SweepRequestSchema, raw);
  const checked = validateSearchPlan(fields);
  if (!checked.ok)
    throw new MlApiError('VALIDATION', checked.error, checked.field ? { field: checked.field } : {});
  if (drawsAsItGoes(checked.plan)) return { fields, combinations: [], total: fields.maxRuns ?? 0 };
  const combinations = fixedSearchCombinations(checked.plan);
  // Unreachable: only a search that draws as it goes has no fixed list.
  if (combinations === null)
    throw new Error(`Sweep strategy ${checked.plan.strategy} has no fixed combinations`);
  return { fields, combinations, total: combinations.length };
}
