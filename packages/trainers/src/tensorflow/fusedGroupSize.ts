import type { ModelParams, PreparedData } from '../engine.js';
import { layerUnits } from './mlp.js';
import { mlpSpecFor } from './modelParams.js';

/** The group size the fused path is measured to pay at (bench/fused-engines-tf.mjs). */
export const FUSED_GROUP_MAX = 16;

/**
 * Multiply-adds per model per training step (one batch, forward only) below which the TF.js fused
 * path pays: TF.js's wasm batched matMul (rank 3) has no XNNPACK path, so a stacked step is cheap
 * only while per-kernel overhead, not arithmetic, dominates the separate runs (measured in
 * bench/fused-engines-tf.mjs: iris 2×32 at batch 16 fuses well; 2×128 at batch 64 does not).
 */
const PAYS_BELOW = 32_000;
const PAYS_SOME_BELOW = 96_000;
/** Floats of one stacked activation on the test rows (models × rows × width) a group may hold. */
const EVAL_FLOATS = 16_000_000;

/**
 * How many combinations like `params` the TensorFlow engine should fuse into one group (1: train
 * them one at a time). Members of a group are padded to its widest hidden layer, so group similar
 * hidden dims together and pass the widest here.
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
  const bySpeed = step < PAYS_BELOW ? FUSED_GROUP_MAX : step < PAYS_SOME_BELOW ? 4 : 1;
  const width = Math.max(spec.hiddenDim, outputs);
  const byMemory = Math.max(1, Math.floor(EVAL_FLOATS / (Math.max(data.nTest, data.nVal, 1) * width)));
  return Math.min(bySpeed, byMemory);
}
