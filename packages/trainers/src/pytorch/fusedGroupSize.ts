import type { ModelParams, PreparedData } from '../engine.js';

/** The GROUP_API default: the largest group worth fusing on small data. */
export const DEFAULT_FUSED_GROUP_SIZE = 16;

/**
 * How many combinations of this data and shape to train as one fused PyTorch group (≥ 1).
 * @example maxFusedGroupSize(irisData, { ...params, hiddenDim: 32 }) // 16
 */
export function maxFusedGroupSize(_data: PreparedData, _params: ModelParams): number {
  return DEFAULT_FUSED_GROUP_SIZE;
}
