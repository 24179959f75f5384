import type { ModelParams, PreparedData } from '../engine.js';
import { layerUnits } from './mlp.js';
import { mlpSpecFor } from './modelParams.js';

/** The group size the fused path is measured to pay at (bench/fused-engines-tf.mjs). */
export const FUSED_GROUP_MAX = 16;

/**
 * Multiply-adds per model per training step (one batch, forward only) below which the TF.js fused
 * path pays. A stacked step runs every model through the same depthwise convolutions (XNNPACK) and
 * pays TF.js's per-kernel dispatch once for the group, where separate runs pay it per model; once
 * the arithmetic dominates, the stack's padded, grouped products are no faster than a separate run's
 * dense ones (measured in bench/fused-engines-tf.mjs: 2×32 on 20 features at batch 64, ~110k, fuses
 * at 0.54–0.62; 2×128 there, ~1.2M, is even at 1.0–1.2).
 */
const PAYS_BELOW = 600_000;
/** Floats of one stacked activation on the test rows (models × rows × width) a group may hold. */
const EVAL_FLOATS = 16_000_000;

/**
 * How many combinations like `params` the TensorFlow engine should fuse into one group (1: train
 * them one at a time). Members of a group are padded to its widest hidden layer: pass the widest.
 *
 * @example
 * maxTensorflowGroupSize(irisData, { ...params, hiddenDim: 32, batchSize: 16 }) // 16
 * maxTensorflowGroupSize(bigData, { ...params, hiddenDim: 128, batchSize: 64 }) // 1
 */
export function maxTensorflowGroupSize(
  data: Pick<PreparedData, 'nFeatures' | 'nClasses' | 'nTrain' | 'nVal' | 'nTest' | 'task'>,
  params: ModelParams,
): number {
  const outputs = data.task === 'classification' ? data.nClasses : 1;
  const spec = mlpSpecFor(params, data.nFeatures, outputs);
  let fanIn = spec.inputDim;
  let macs = 0;
  for (const units of layerUnits(spec)) {
    macs += fanIn * units;
    fanIn = units;
  }
  const step = macs * Math.min(params.batchSize, data.nTrain);
  const bySpeed = step < PAYS_BELOW ? FUSED_GROUP_MAX : 1;
  const width = Math.max(spec.hiddenDim, outputs);
  const byMemory = Math.max(1, Math.floor(EVAL_FLOATS / (Math.max(data.nTest, data.nVal, 1) * width)));
  return Math.min(bySpeed, byMemory);
}
