import * as tf from '@tensorflow/tfjs';
import type { Random } from '../preprocessing/random.js';
import { type DenseGradPath, dense } from './denseLayer.js';

/** Layer sizes of a plain MLP; `numHiddenLayers: 0` is the linear baseline. */
export interface MlpSpec {
  inputDim: number;
  hiddenDim: number;
  numHiddenLayers: number;
  outputDim: number;
  dropout: number;
}

/** A hand-built MLP: its variables are [W0, b0, W1, b1, …], the layout a Dense stack saves. */
export interface Mlp {
  readonly spec: MlpSpec;
  readonly variables: tf.Variable[];
  readonly parameterCount: number;
  /** Pre-activation outputs (logits for classification). Dropout only when `rng` is given. */
  forward(x: tf.Tensor2D, opts?: { rng?: Random; path?: DenseGradPath }): tf.Tensor2D;
  dispose(): void;
}

/**
 * Inverted-dropout mask (kept units scaled by 1/(1 − rate)) drawn from our seeded stream. Cheaper
 * than tf.dropout, which draws with its own per-call generator and runs four kernels per mask.
 */
function dropoutMask(rows: number, cols: number, rate: number, rng: Random): tf.Tensor2D {
  const keep = 1 - rate;
  const mask = new Float32Array(rows * cols);
  for (let i = 0; i < mask.length; i++) mask[i] = rng() < keep ? 1 / keep : 0;
  return tf.tensor2d(mask, [rows, cols]);
}

/** Units of every dense layer, input excluded. */
export function layerUnits(spec: MlpSpec): number[] {
  return [...Array.from({ length: spec.numHiddenLayers }, () => spec.hiddenDim), spec.outputDim];
}

/** Weights plus biases of the dense stack. */
export function countMlpParameters(spec: MlpSpec): number {
  let fanIn = spec.inputDim;
  let total = 0;
  for (const units of layerUnits(spec)) {
    total += fanIn * units + units;
    fanIn = units;
  }
  return total;
}

/**
 * Glorot-uniform kernels and zero biases (Keras's Dense defaults), drawn from our seeded PRNG so the
 * same seed gives the same starting point on every machine.
 *
 * @example
 * const mlp = createMlp({ inputDim: 4, hiddenDim: 64, numHiddenLayers: 2, outputDim: 3, dropout: 0.1 }, rng);
 */
export function createMlp(spec: MlpSpec, rng: Random): Mlp {
  const variables: tf.Variable[] = [];
  let fanIn = spec.inputDim;
  for (const units of layerUnits(spec)) {
    const limit = Math.sqrt(6 / (fanIn + units));
    const kernel = new Float32Array(fanIn * units);
    for (let i = 0; i < kernel.length; i++) kernel[i] = (rng() * 2 - 1) * limit;
    // tidy disposes the initial-value tensors; the returned variables survive it.
    variables.push(tf.tidy(() => tf.variable(tf.tensor2d(kernel, [fanIn, units]), true)));
    variables.push(tf.tidy(() => tf.variable(tf.zeros([units]), true)));
    fanIn = units;
  }
  const last = spec.numHiddenLayers;
  return {
    spec,
    variables,
    parameterCount: countMlpParameters(spec),
    forward(x, opts = {}) {
      let h = x;
      for (let layer = 0; layer <= last; layer++) {
        const activation = layer === last ? 'linear' : 'relu';
        h = dense(h, variables[2 * layer]!, variables[2 * layer + 1]!, activation, {
          path: opts.path ?? 'fast',
          inputGrad: layer > 0,
        });
        if (layer < last && opts.rng && spec.dropout > 0) {
          h = tf.mul(h, dropoutMask(h.shape[0], h.shape[1], spec.dropout, opts.rng));
        }
      }
      return h;
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}
