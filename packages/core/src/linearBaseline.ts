import type { TensorflowMode, TrainingCombination } from './types.js';

/**
 * DR-004: the TensorFlow linear baseline has no hidden layers, so these fields are meaningless for it;
 * every linear request carries these fixed defaults so stored rows and model metadata stay comparable.
 */
export const LINEAR_BASELINE_PARAMS = { hiddenDim: 128, numHiddenLayers: 2, dropout: 0.1 } as const;

/**
 * The combination a linear-baseline request actually carries.
 *
 * @example applyLinearBaseline({ ...c, hiddenDim: 16 }).hiddenDim // 128
 */
export function applyLinearBaseline<C extends TrainingCombination>(combination: C): C {
  return { ...combination, ...LINEAR_BASELINE_PARAMS };
}

/** The combination fields a linear baseline ignores (DR-004): the keys of its fixed values. */
export type LinearIgnoredParam = keyof typeof LINEAR_BASELINE_PARAMS;

/**
 * Whether `field` of a run means nothing: the run is a linear baseline and the field one of the
 * architecture fields it carries only as DR-004's fixed values (tables show "linear", exports leave it out).
 *
 * @example isIgnoredByLinear({ mode: 'linear' }, 'hiddenDim') // true
 */
export function isIgnoredByLinear(
  run: { mode?: TensorflowMode },
  field: string,
): field is LinearIgnoredParam {
  return run.mode === 'linear' && Object.hasOwn(LINEAR_BASELINE_PARAMS, field);
}
