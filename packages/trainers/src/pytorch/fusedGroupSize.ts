import type { ModelParams, PreparedData } from '../engine.js';

/** The GROUP_API default and the largest group measured to pay (2×128 MLPs, 40,000 rows: still ×2). */
export const DEFAULT_FUSED_GROUP_SIZE = 16;

/**
 * Multiply-adds of one member's forward step above which fusing stops paying: measured on one thread,
 * 2×512 at batch 64 (17.5 M) fused 4 ÷ separate 0.97, 2×1024 (70 M) 0.93, against 0.50 at 2×128 (1.2 M)
 * and 0.19 on iris. There the work is compute-bound, so the engine trains one at a time.
 */
export const FUSED_COMPUTE_BOUND_MACS = 16e6;

/** Evaluation runs every member of a stack on the whole test (and validation) split at once. */
const EVAL_BYTES_BUDGET = 256 * 2 ** 20;

/**
 * How many combinations of this data and shape to train as one fused PyTorch group: 1 when one
 * member's step is compute-bound (fusing would not be faster), else DEFAULT_FUSED_GROUP_SIZE, fewer
 * when the members' evaluation activations would pass 256 MiB.
 * @example maxFusedGroupSize(irisData, { ...params, hiddenDim: 32 }) // 16
 */
export function maxFusedGroupSize(data: PreparedData, params: ModelParams): number {
  const h = params.hiddenDim;
  const outputs = data.task === 'classification' ? data.nClasses : 1;
  const macs = params.batchSize * (data.nFeatures * h + (params.numHiddenLayers - 1) * h * h + h * outputs);
  if (macs >= FUSED_COMPUTE_BOUND_MACS) return 1;
  // Two float32 activations of the widest layer alive per evaluated row.
  const bytesPerMember = Math.max(data.nTest, data.nVal, 1) * h * 4 * 2;
  return Math.max(1, Math.min(DEFAULT_FUSED_GROUP_SIZE, Math.floor(EVAL_BYTES_BUDGET / bytesPerMember)));
}

/**
 * Splits combinations into fusable groups (indexes into `combinations`): equal batchSize,
 * numHiddenLayers, seed and mode; equal hidden dims kept together (the engine stacks each width
 * separately, so a group of one width is the cheapest); each group at most `maxSize` of its widest
 * member (default maxFusedGroupSize, PyTorch's; createLocalMlApi passes the TensorFlow engine's for it).
 * @example fusedGroups(data, combos) // [[0, 4, 8], [1, 5], …]
 */
export function fusedGroups(
  data: PreparedData,
  combinations: ModelParams[],
  maxSize: (data: PreparedData, params: ModelParams) => number = maxFusedGroupSize,
): number[][] {
  const byKey = new Map<string, number[]>();
  for (const [i, p] of combinations.entries()) {
    const key = [p.batchSize, p.numHiddenLayers, p.seed, p.mode ?? 'mlp'].join('|');
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  const groups: number[][] = [];
  for (const indexes of byKey.values()) {
    const sorted = indexes.toSorted((a, b) => combinations[a]!.hiddenDim - combinations[b]!.hiddenDim);
    let group: number[] = [];
    let limit = Number.POSITIVE_INFINITY;
    for (const i of sorted) {
      const own = maxSize(data, combinations[i]!);
      if (group.length >= Math.min(limit, own)) {
        groups.push(group);
        group = [];
        limit = Number.POSITIVE_INFINITY;
      }
      group.push(i);
      limit = Math.min(limit, own);
    }
    if (group.length > 0) groups.push(group);
  }
  return groups;
}
