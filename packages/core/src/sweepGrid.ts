import { FIELD_RULES, SWEEP_LIST_FIELDS, type SweepListField } from './fieldRules.js';
import { LINEAR_BASELINE_PARAMS } from './linearBaseline.js';
import type { ParseResult } from './parseNumberList.js';
import { gridRangeError, isRangeText, parseParamDomain } from './search/paramRange.js';
import type { SearchStrategy } from './search/searchPlan.js';
import type { SweepFields } from './studioTypes.js';
import { buildSweepCombinations, countSweepCombinations, sweepSizeProblem } from './sweepCombinations.js';
import type { TrainingCombination } from './types.js';
import {
  validateBatchSizes,
  validateDropouts,
  validateEpochValues,
  validateHiddenDims,
  validateLearningRates,
  validateNumHiddenLayers,
  validateTestSizes,
} from './validators.js';

/** The validator of each raw sweep field. */
export const SWEEP_FIELD_VALIDATORS: Record<SweepListField, (text: string) => ParseResult> = {
  epochValues: validateEpochValues,
  batchSizes: validateBatchSizes,
  learningRates: validateLearningRates,
  testSizes: validateTestSizes,
  hiddenDims: validateHiddenDims,
  numHiddenLayers: validateNumHiddenLayers,
  dropouts: validateDropouts,
};

/**
 * One raw field of a grid: its validator's result, except that a range (`0.0001..0.1 log`, which only
 * random and TPE search read) gets a message saying so instead of 'is not a number'.
 */
function parseGridField(field: SweepListField, text: string): ParseResult {
  if (isRangeText(text))
    return { ok: false, error: gridRangeError(FIELD_RULES[SWEEP_LIST_FIELDS[field]], text) };
  return SWEEP_FIELD_VALIDATORS[field](text);
}

/** The list fields a linear baseline ignores (DR-004): not validated and left out of the grid. */
export const LINEAR_IGNORED_FIELDS: readonly SweepListField[] = ['hiddenDims', 'numHiddenLayers', 'dropouts'];

export type SweepGridInput = Pick<SweepFields, 'framework' | 'mode' | SweepListField>;

export type SweepGridResult =
  | { ok: true; dims: { [K in keyof TrainingCombination]: number[] }; count: number }
  | { ok: false; field?: SweepListField; error: string };

/** True when the hidden-layer fields do not apply (TensorFlow linear baseline). */
export const isLinearSweep = (input: Pick<SweepFields, 'framework' | 'mode'>): boolean =>
  input.framework === 'tensorflow' && input.mode === 'linear';

/**
 * The list fields a sweep ignores: the linear baseline's hidden-layer fields (DR-004), else none.
 *
 * @example ignoredSweepFields({ framework: 'tensorflow', mode: 'linear' }) // ['hiddenDims', 'numHiddenLayers', 'dropouts']
 */
export function ignoredSweepFields(
  input: Pick<SweepFields, 'framework' | 'mode'>,
): readonly SweepListField[] {
  return isLinearSweep(input) ? LINEAR_IGNORED_FIELDS : [];
}

/**
 * Every bad field of the raw sweep with its validator's message (inline form errors), the ignored
 * fields left out. A grid (the default strategy) reads lists only; random and TPE read each field as
 * a list or a range, as validateSearchPlan does. Empty when each field is fine on its own (the sweep
 * may still be too large, or miss a budget).
 *
 * @example sweepFieldErrors({ framework: 'pytorch', epochValues: '0', ... }) // { epochValues: 'Epoch out of range (1-500): 0' }
 * @example sweepFieldErrors({ ...fields, strategy: 'random', hiddenDims: '256..16' }) // { hiddenDims: 'Hidden dim range must go from low to high: 256..16' }
 */
export function sweepFieldErrors(
  input: SweepGridInput & { strategy?: SearchStrategy | undefined },
): Partial<Record<SweepListField, string>> {
  const ignored = ignoredSweepFields(input);
  const search = input.strategy !== undefined && input.strategy !== 'grid';
  const errors: Partial<Record<SweepListField, string>> = {};
  for (const field of Object.keys(SWEEP_LIST_FIELDS) as SweepListField[]) {
    if (ignored.includes(field)) continue;
    const parsed = search
      ? parseParamDomain(input[field], FIELD_RULES[SWEEP_LIST_FIELDS[field]])
      : parseGridField(field, input[field]);
    if (!parsed.ok) errors[field] = parsed.error;
  }
  return errors;
}

/**
 * Validates the raw sweep fields in form order and returns the grid's dimensions and size, or the first
 * bad field with the validator's message. In linear mode the hidden-layer fields are fixed (DR-004), so
 * no two combinations train the same linear model.
 *
 * @example validateSweepGrid({ framework: 'pytorch', epochValues: '0,10', ... })
 * // { ok: false, field: 'epochValues', error: 'Epoch out of range (1-500): 0' }
 */
export function validateSweepGrid(input: SweepGridInput): SweepGridResult {
  const ignored = ignoredSweepFields(input);
  const dims: Partial<Record<keyof TrainingCombination, number[]>> = {};
  for (const [field, key] of Object.entries(SWEEP_LIST_FIELDS) as Array<
    [SweepListField, keyof TrainingCombination]
  >) {
    if (ignored.includes(field)) {
      dims[key] = [LINEAR_BASELINE_PARAMS[key as keyof typeof LINEAR_BASELINE_PARAMS]];
      continue;
    }
    const parsed = parseGridField(field, input[field]);
    if (!parsed.ok) return { ok: false, field, error: parsed.error };
    dims[key] = parsed.values;
  }
  const full = dims as { [K in keyof TrainingCombination]: number[] };
  const count = countSweepCombinations(full);
  const problem = sweepSizeProblem(count);
  return problem === null ? { ok: true, dims: full, count } : { ok: false, error: problem };
}

/**
 * The sweep's combinations (itertools.product order: epochs slowest, dropout fastest), or the first
 * problem as data. Shared by the web hooks, the CLI and the server so all three build the same grid.
 */
export function buildSweepGrid(
  input: SweepGridInput,
): { ok: true; combinations: TrainingCombination[] } | { ok: false; field?: SweepListField; error: string } {
  const checked = validateSweepGrid(input);
  if (!checked.ok) return checked;
  return { ok: true, combinations: buildSweepCombinations(checked.dims) };
}
