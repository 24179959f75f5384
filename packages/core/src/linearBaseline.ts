import type { TrainingCombination } from './types.js';

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
