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
 * numHiddenLayers, seed and mode. The engine stacks each hidden width separately, so each width is
 * cut into as few pieces as its maxFusedGroupSize allows, and the pieces are then packed into groups
 * of at most that size (fewer stacks and fewer requests).
 * @example fusedGroups(data, combos) // [[0, 4, 8], [1, 5], …]
 */
export function fusedGroups(data: PreparedData, combinations: ModelParams[]): number[][] {
  const byKey = new Map<string, number[]>();
  for (const [i, p] of combinations.entries()) {
    const key = [p.batchSize, p.numHiddenLayers, p.seed, p.mode ?? 'mlp', p.hiddenDim].join('|');
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  const pieces: Array<{ indexes: number[]; limit: number; fuses: string }> = [];
  for (const indexes of byKey.values()) {
    const first = combinations[indexes[0]!]!;
    const limit = maxFusedGroupSize(data, first);
    const count = Math.ceil(indexes.length / limit);
    const size = Math.ceil(indexes.length / count);
    const fuses = [first.batchSize, first.numHiddenLayers, first.seed, first.mode ?? 'mlp'].join('|');
    for (let k = 0; k < indexes.length; k += size)
      pieces.push({ indexes: indexes.slice(k, k + size), limit, fuses });
  }
  // First fit, largest pieces first.
  const groups: Array<{ indexes: number[]; limit: number; fuses: string }> = [];
  for (const piece of pieces.toSorted((a, b) => b.indexes.length - a.indexes.length)) {
    const fit = groups.find(
      (g) =>
        g.fuses === piece.fuses && g.indexes.length + piece.indexes.length <= Math.min(g.limit, piece.limit),
    );
    if (fit) {
      fit.indexes.push(...piece.indexes);
      fit.limit = Math.min(fit.limit, piece.limit);
    } else groups.push({ ...piece, indexes: [...piece.indexes] });
  }
  return groups.map((g) => g.indexes);
}
