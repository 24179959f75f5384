import {
  fixedSearchCombinations,
  MlApiError,
  parseOrThrow,
  type SearchPlan,
  type SweepFields,
  SweepRequestSchema,
  type TrainingCombination,
  validateSearchPlan,
} from '@trainyard/core';

/**
 * Search options core accepts but server sweeps do not run yet, refused with the field and its
 * value: a random search over ranges bounded by time alone has no list of combinations to store up
 * front.
 */
function notYetRun(fields: SweepFields, plan: SearchPlan): MlApiError | null {
  if (
    plan.strategy === 'random' &&
    fields.maxMinutes !== undefined &&
    plan.gridSize === null &&
    fields.maxRuns === undefined
  ) {
    return new MlApiError(
      'VALIDATION',
      `Max minutes alone is not available for sweeps over ranges yet (add maxRuns): ${fields.maxMinutes}`,
      { field: 'maxMinutes' },
    );
  }
  return null;
}

/**
 * The raw sweep fields checked by the core validators (the same messages the browser shows) and the
 * combinations to train: the DR-001 grid in itertools.product order, or for `strategy: 'random'` the
 * seeded random search's first maxRuns suggestions (the whole grid shuffled without maxRuns), stored up
 * front like a grid's so a resume trains only what is missing.
 *
 * @example parseSweepFields({ ...fields, epochValues: '0,10' }) // throws VALIDATION 'Epoch out of range (1-500): 0'
 */
export function parseSweepFields(raw: unknown): {
  fields: SweepFields;
  combinations: TrainingCombination[];
  /** The combinations' count, or for tpe (which appends them as it asks) its maxRuns (0 without). */
  total: number;
} {
  const fields = parseOrThrow(SweepRequestSchema, raw);
  const checked = validateSearchPlan(fields);
  if (!checked.ok)
    throw new MlApiError('VALIDATION', checked.error, checked.field ? { field: checked.field } : {});
  const refused = notYetRun(fields, checked.plan);
  if (refused) throw refused;
  if (checked.plan.strategy === 'tpe') return { fields, combinations: [], total: fields.maxRuns ?? 0 };
  const combinations = fixedSearchCombinations(checked.plan);
  // Unreachable after notYetRun: only tpe and a random search ended by time alone have no fixed list.
  if (combinations === null)
    throw new Error(`Sweep strategy ${checked.plan.strategy} has no fixed combinations`);
  return { fields, combinations, total: combinations.length };
}
