import {
  buildSweepCombinations,
  MlApiError,
  parseOrThrow,
  type SweepFields,
  SweepRequestSchema,
  type TrainingCombination,
  validateSweepGrid,
} from '@trainyard/core';

/**
 * The raw sweep fields checked by the core validators (the same messages the browser shows) and
 * the DR-001 grid built from them, in itertools.product order.
 *
 * @example parseSweepFields({ ...fields, epochValues: '0,10' }) // throws VALIDATION 'Epoch out of range (1-500): 0'
 */
export function parseSweepFields(raw: unknown): { fields: SweepFields; combinations: TrainingCombination[] } {
  const fields = parseOrThrow(SweepRequestSchema, raw);
  const grid = validateSweepGrid(fields);
  if (!grid.ok) throw new MlApiError('VALIDATION', grid.error, grid.field ? { field: grid.field } : {});
  return { fields, combinations: buildSweepCombinations(grid.dims) };
}
