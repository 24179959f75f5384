import * as tf from '@tensorflow/tfjs';
import { layerUnits, type MlpSpec } from './mlp.js';

/**
 * Several MLPs of the same depth, input and output widths as one model: layer l's kernels stacked
 * into one [models, inMax, outMax] variable and its biases into [models, 1, outMax], each model's
 * own block in the top-left corner and zeros around it (narrower hidden layers padded to the
 * widest). A padded unit stays exactly zero: its kernel column and bias are zero, so its activation
 * is relu(0) = 0, its gradients are zero, and the update only ever writes real entries (`write`).
 * Model `a`'s forward pass is `a`'s own: batched matMuls never mix the blocks of two models.
 */
export class StackedMlp {
  readonly variables: tf.Variable[];
  /** Per layer: [inMax, outMax]. */
  readonly dims: Array<[number, number]>;
  /** Host copies of the variables (padded layout), uploaded by `upload()`. */
  readonly buffers: Float32Array[];
  readonly hiddenMax: number;
  readonly numHiddenLayers: number;

  /** `specs[a]` is model a's MLP; all share depth, input and output widths. */
  constructor(readonly specs: MlpSpec[]) {
    const first = specs[0]!;
    this.numHiddenLayers = first.numHiddenLayers;
    this.hiddenMax = Math.max(...specs.map((s) => s.hiddenDim));
    const units = layerUnits({ ...first, hiddenDim: this.hiddenMax });
    let fanIn = first.inputDim;
    this.dims = units.map((out) => {
      const d: [number, number] = [fanIn, out];
      fanIn = out;
      return d;
    });
    const models = specs.length;
    this.buffers = this.dims.flatMap(([i, o]) => [
      new Float32Array(models * i * o),
      new Float32Array(models * o),
    ]);
    const id = nextId++;
    // tidy disposes the initial-value tensors; the returned variables survive it.
    this.variables = tf.tidy(() =>
      this.dims.flatMap(([i, o], l) => [
        tf.variable(tf.zeros([models, i, o]), true, `stacked_kernel_${id}_${l}`),
        tf.variable(tf.zeros([models, 1, o]), true, `stacked_bias_${id}_${l}`),
      ]),
    );
  }

  /**
   * Where model `a`'s variable `k` (its own layout, as Mlp.variables) lives in the stacked one: one
   * segment per kernel row (or the bias), `[ownOffset, stackedOffset, length]` each.
   */
  segments(a: number, k: number): Array<[number, number, number]> {
    const key = a * this.buffers.length + k;
    let found = this.#segments.get(key);
    if (!found) {
      found = this.#segmentsOf(a, k);
      this.#segments.set(key, found);
    }
    return found;
  }

  readonly #segments = new Map<number, Array<[number, number, number]>>();

  #segmentsOf(a: number, k: number): Array<[number, number, number]> {
    const layer = k >> 1;
    const [inMax, outMax] = this.dims[layer]!;
    const own = layerUnits(this.specs[a]!);
    const out = own[layer]!;
    if (k % 2 === 1) return [[0, a * outMax, out]];
    const fanIn = layer === 0 ? this.specs[a]!.inputDim : own[layer - 1]!;
    // Rows that are contiguous in both layouts (no padding: a stack of one hidden width) merge into
    // one segment, so the Adam loop and `write` walk a kernel in one run instead of row by row.
    const merged: Array<[number, number, number]> = [];
    for (let i = 0; i < fanIn; i++) {
      const [at, to] = [i * out, a * inMax * outMax + i * outMax];
      const last = merged.at(-1);
      if (last && last[0] + last[2] === at && last[1] + last[2] === to) last[2] += out;
      else merged.push([at, to, out]);
    }
    return merged;
  }

  /** Copies model `a`'s variable `k` (own layout) into the host buffer; padding is never written. */
  write(a: number, k: number, own: Float32Array): void {
    const buffer = this.buffers[k]!;
    for (const [at, to, n] of this.segments(a, k)) buffer.set(own.subarray(at, at + n), to);
  }

  upload(): void {
    this.variables.forEach((v, k) => {
      tf.tidy(() => v.assign(tf.tensor(this.buffers[k]!, v.shape)));
    });
  }

  /**
   * Outputs [models, rows, outputDim] of x: [models, rows, inputDim] (each model its own rows) or
   * [1, rows, inputDim] (the same rows for all). `masks[l]` ([models, rows, hiddenMax]) multiplies
   * hidden layer l's activations (inverted dropout), when given.
   */
  forward(x: tf.Tensor3D, masks?: Array<tf.Tensor3D | undefined>): tf.Tensor3D {
    let h = x;
    const last = this.numHiddenLayers;
    for (let layer = 0; layer <= last; layer++) {
      const z = tf.add(
        tf.matMul(h, this.variables[2 * layer] as tf.Tensor3D),
        this.variables[2 * layer + 1]!,
      );
      h = (layer === last ? z : tf.relu(z)) as tf.Tensor3D;
      const mask = masks?.[layer];
      if (layer < last && mask) h = tf.mul(h, mask);
    }
    return h;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

let nextId = 0;
