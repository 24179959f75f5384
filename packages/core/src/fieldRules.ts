import type { TrainingCombination } from './types.js';

/** Bounds and kind of one numeric input: the single source of truth for validators, zod schemas and CLI. */
export interface NumericFieldRule {
  /** Human label used at the start of every message, e.g. 'Epoch'. */
  label: string;
  min: number;
  max: number;
  /** true when `min` itself is not allowed, e.g. test size (0,1). */
  minExclusive: boolean;
  maxExclusive: boolean;
  /** Whole numbers only. */
  integer: boolean;
}

const rule = (
  label: string,
  min: number,
  max: number,
  integer: boolean,
  exclusive: { min?: boolean; max?: boolean } = {},
): NumericFieldRule => ({
  label,
  min,
  max,
  integer,
  minExclusive: exclusive.min ?? false,
  maxExclusive: exclusive.max ?? false,
});

/**
 * DR-002 bounds of every numeric field, keyed by request field name (TrainRequest, DistillRequest, sweep).
 *
 * @example FIELD_RULES.epochs // { label: 'Epoch', min: 1, max: 500, integer: true, ... }
 */
export const FIELD_RULES = {
  epochs: rule('Epoch', 1, 500, true),
  batchSize: rule('Batch size', 1, 200, true),
  learningRate: rule('Learning rate', 0, 1, false, { min: true }),
  testSize: rule('Test size', 0, 1, false, { min: true, max: true }),
  hiddenDim: rule('Hidden dim', 8, 500, true),
  numHiddenLayers: rule('Hidden layers', 1, 15, true),
  dropout: rule('Dropout', 0, 0.9, false),
  /** Softmax temperature of distillation; 100 is far softer than anything useful. */
  temperature: rule('Temperature', 0, 100, false, { min: true }),
  alpha: rule('Alpha', 0, 1, false),
  seed: rule('Seed', 0, 4_294_967_295, true),
  /** Share of the non-test rows held out for validation; 0 means none. */
  validationSize: rule('Validation size', 0, 1, false, { max: true }),
  patience: rule('Patience', 1, 500, true),
  minDelta: rule('Min delta', 0, 1, false),
  /** k-fold cross-validation on the non-test rows (absent: none). */
  folds: rule('Folds', 2, 10, true),
  concurrency: rule('Concurrency', 1, 64, true),
  offset: rule('Offset', 0, Number.POSITIVE_INFINITY, true),
  limit: rule('Limit', 1, 1000, true),
} as const satisfies Record<string, NumericFieldRule>;

export type NumericField = keyof typeof FIELD_RULES;

/**
 * The seven sweep list fields as the user types them, in form order, mapped to the combination key
 * they fill. The order is also the order in which the first bad field is reported.
 */
export const SWEEP_LIST_FIELDS = {
  epochValues: 'epochs',
  batchSizes: 'batchSize',
  learningRates: 'learningRate',
  testSizes: 'testSize',
  hiddenDims: 'hiddenDim',
  numHiddenLayers: 'numHiddenLayers',
  dropouts: 'dropout',
} as const satisfies Record<string, keyof TrainingCombination>;

export type SweepListField = keyof typeof SWEEP_LIST_FIELDS;

/**
 * The readable bounds of a rule: '1-500', 'exclusive 0-1', 'above 0 up to 1', '0 or more'.
 *
 * @example formatBounds(FIELD_RULES.testSize) // 'exclusive 0-1'
 */
export function formatBounds(r: NumericFieldRule): string {
  if (r.max === Number.POSITIVE_INFINITY) return r.minExclusive ? `above ${r.min}` : `${r.min} or more`;
  if (r.minExclusive && r.maxExclusive) return `exclusive ${r.min}-${r.max}`;
  if (r.minExclusive) return `above ${r.min} up to ${r.max}`;
  if (r.maxExclusive) return `from ${r.min}, below ${r.max}`;
  return `${r.min}-${r.max}`;
}

/** Whether a finite number lies within the rule's bounds (ignores `integer`). */
export function isWithinBounds(r: NumericFieldRule, value: number): boolean {
  const aboveMin = r.minExclusive ? value > r.min : value >= r.min;
  const belowMax = r.maxExclusive ? value < r.max : value <= r.max;
  return aboveMin && belowMax;
}

/**
 * The user-safe message for a number that breaks the rule, or null when it is fine. `shown` is the value
 * as the user wrote it (so '0.10' stays '0.10').
 *
 * @example checkNumber(FIELD_RULES.epochs, 0) // 'Epoch out of range (1-500): 0'
 */
export function checkNumber(
  r: NumericFieldRule,
  value: number,
  shown: string = String(value),
): string | null {
  if (!Number.isFinite(value)) return `${r.label} is not a number: ${shown}`;
  if (r.integer && !Number.isInteger(value)) return `${r.label} must be a whole number: ${shown}`;
  if (!isWithinBounds(r, value)) return `${r.label} out of range (${formatBounds(r)}): ${shown}`;
  return null;
}
