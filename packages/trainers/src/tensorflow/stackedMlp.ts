import * as tf from '@tensorflow/tfjs';
import { layerUnits, type MlpSpec } from './mlp.js';

/** One batch of a stacked step, laid out on the host (see StackedMlp.step). */
export interface StackedBatch {
  rows: number;
  /** [rows, 1, inputDim, models]: model a's own rows in channel a. */
  x: Float32Array;
  /** [inputDim, 1, rows, models]: the same values, for the first layer's weight gradient. */
  xT: Float32Array;
  /** [rows, models, outputDim]: one-hot targets, or the regression target. */
  y: Float32Array;
  /** Per hidden layer, [rows, models, hiddenMax] inverted-dropout masks; none without dropout. */
  masks: Float32Array[];
}

/**
 * Several MLPs of the same depth, input and output widths as one model, trained with TF.js ops on the
 * wasm backend. Each model is a channel of a depthwise convolution: layer l's kernels form one
 * filter [1, inMax, models, outMax] (model a's kernel is channel a's filter, its output units the
 * channel multiplier) whose width is the whole input, so `tf.depthwiseConv2d` computes every model's
 * x·W at once, on XNNPACK (measured ~4 G multiply-adds/s, where the rank-3 batched `matMul` falls back
 * to a scalar loop at ~1.2 G/s). The backward pass is written out in the same ops (no tape): dZ =
 * softmax − onehot (or 2(p − y)) over rows, dW = depthwise conv of the layer input (rows as width)
 * with dZ as filter, dX = depthwise conv of dZ with Wᵀ, × mask × relu′, db = Σ dZ.
 *
 * Narrower hidden layers are padded to the widest with zeros: a padded unit's kernel column and bias
 * are zero, so its activation is relu(0) = 0, its gradients are zero, and the update only ever writes
 * real entries (`write`). Host copies of the weights (`buffers`, and the kernels transposed) are
 * uploaded by `upload()` after each update.
 */
export class StackedMlp {
  /** Per layer: [inMax, outMax]. */
  readonly dims: Array<[number, number]>;
  /** Host copies: per layer its kernel [inMax, models, outMax], then its bias [models, outMax]. */
  readonly buffers: Float32Array[];
  readonly hiddenMax: number;
  readonly numHiddenLayers: number;
  readonly models: number;
  /** Per layer: the kernel transposed, [outMax, models, inMax] (the filter of dX). */
  readonly #transposed: Float32Array[];
  #tensors: { filters: tf.Tensor4D[]; biases: tf.Tensor1D[]; filtersT: tf.Tensor4D[] } | undefined;

  /** `specs[a]` is model a's MLP; all share depth, input and output widths. */
  constructor(readonly specs: MlpSpec[]) {
    const first = specs[0]!;
    this.models = specs.length;
    this.numHiddenLayers = first.numHiddenLayers;
    this.hiddenMax = Math.max(...specs.map((s) => s.hiddenDim));
    const units = layerUnits({ ...first, hiddenDim: this.hiddenMax });
    let fanIn = first.inputDim;
    this.dims = units.map((out) => {
      const d: [number, number] = [fanIn, out];
      fanIn = out;
      return d;
    });
    const m = this.models;
    this.buffers = this.dims.flatMap(([i, o]) => [new Float32Array(i * m * o), new Float32Array(m * o)]);
    this.#transposed = this.dims.map(([i, o]) => new Float32Array(o * m * i));
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
    const outMax = this.dims[layer]![1];
    const own = layerUnits(this.specs[a]!);
    const out = own[layer]!;
    if (k % 2 === 1) return [[0, a * outMax, out]];
    const fanIn = layer === 0 ? this.specs[a]!.inputDim : own[layer - 1]!;
    const rowStride = this.models * outMax;
    return Array.from({ length: fanIn }, (_, i): [number, number, number] => [
      i * out,
      i * rowStride + a * outMax,
      out,
    ]);
  }

  /** Copies model `a`'s variable `k` (own layout) into the host buffers; padding is never written. */
  write(a: number, k: number, own: Float32Array): void {
    const buffer = this.buffers[k]!;
    for (const [at, to, n] of this.segments(a, k)) buffer.set(own.subarray(at, at + n), to);
    if (k % 2 === 1) return;
    const inMax = this.dims[k >> 1]![0];
    const transposed = this.#transposed[k >> 1]!;
    const m = this.models;
    const segments = this.segments(a, k);
    for (let i = 0; i < segments.length; i++) {
      const [at, , n] = segments[i]!;
      for (let j = 0; j < n; j++) transposed[j * m * inMax + a * inMax + i] = own[at + j]!;
    }
  }

  /** Uploads the host buffers as this step's filters and biases. */
  upload(): void {
    this.#disposeTensors();
    const m = this.models;
    this.#tensors = {
      filters: this.dims.map(([i, o], l) => tf.tensor4d(this.buffers[2 * l]!, [1, i, m, o])),
      biases: this.dims.map((_, l) => tf.tensor1d(this.buffers[2 * l + 1]!)),
      filtersT: this.dims.map(([i, o], l) => tf.tensor4d(this.#transposed[l]!, [1, o, m, i])),
    };
  }

  /**
   * Every model's outputs [rows, models, outputDim] of x ([rows, 1, inputDim, models]); with masks,
   * hidden layer l's activations ([rows, models, hiddenMax]) are multiplied by masks[l]. Returns the
   * activations too: per hidden layer its relu output and its masked output.
   */
  forward(x: tf.Tensor4D, masks: tf.Tensor3D[] = []) {
    const t = this.#tensors!;
    const rows = x.shape[0];
    const m = this.models;
    const hidden: Array<{ relu: tf.Tensor3D; out: tf.Tensor3D }> = [];
    let input = x;
    for (let l = 0; l < this.dims.length; l++) {
      const units = this.dims[l]![1];
      const last = l === this.dims.length - 1;
      const z = tf.fused.depthwiseConv2d({
        x: input,
        filter: t.filters[l]!,
        strides: 1,
        pad: 'valid',
        bias: t.biases[l]!,
        activation: last ? 'linear' : 'relu',
      });
      const h = tf.reshape(z, [rows, m, units]) as tf.Tensor3D;
      if (last) return { outputs: h, hidden };
      const out = masks[l] ? (tf.mul(h, masks[l]!) as tf.Tensor3D) : h;
      hidden.push({ relu: h, out });
      input = tf.reshape(tf.transpose(out, [0, 2, 1]), [rows, 1, units, m]) as tf.Tensor4D;
    }
    throw new Error('unreachable: an MLP has an output layer');
  }

  /**
   * One step's gradients, flat in `buffers` order (each buffer's gradient at its offset, same
   * layout), and each model's summed loss over the batch rows ([models]). Call inside tf.tidy.
   */
  step(batch: StackedBatch, kind: 'crossEntropy' | 'meanSquaredError') {
    const t = this.#tensors!;
    const { rows } = batch;
    const m = this.models;
    const [inputDim] = this.dims[0]!;
    const outputDim = this.dims.at(-1)![1];
    const x = tf.tensor4d(batch.x, [rows, 1, inputDim, m]);
    const y = tf.tensor3d(batch.y, [rows, m, outputDim]);
    const masks = batch.masks.map((mask) => tf.tensor3d(mask, [rows, m, this.hiddenMax]));
    const { outputs, hidden } = this.forward(x, masks);
    let loss: tf.Tensor1D;
    let dz: tf.Tensor3D;
    if (kind === 'crossEntropy') {
      const p = tf.softmax(outputs);
      loss = tf.neg(tf.sum(tf.log(tf.sum(tf.mul(p, y), 2)), 0)) as tf.Tensor1D;
      dz = tf.mul(tf.sub(p, y), 1 / rows) as tf.Tensor3D;
    } else {
      const diff = tf.sub(outputs, y);
      loss = tf.sum(tf.square(diff), [0, 2]) as tf.Tensor1D;
      dz = tf.mul(diff, 2 / (rows * outputDim)) as tf.Tensor3D;
    }
    const grads: tf.Tensor[] = [];
    for (let l = this.dims.length - 1; l >= 0; l--) {
      const [fanIn, units] = this.dims[l]!;
      grads.push(tf.sum(dz, 0));
      const inputT =
        l === 0
          ? tf.tensor4d(batch.xT, [inputDim, 1, rows, m])
          : tf.reshape(tf.transpose(hidden[l - 1]!.out, [2, 0, 1]), [fanIn, 1, rows, m]);
      const dzFilter = tf.reshape(dz, [1, rows, m, units]) as tf.Tensor4D;
      grads.push(tf.depthwiseConv2d(inputT as tf.Tensor4D, dzFilter, 1, 'valid'));
      if (l === 0) break;
      const dzT = tf.reshape(tf.transpose(dz, [0, 2, 1]), [rows, 1, units, m]) as tf.Tensor4D;
      const dx = tf.reshape(tf.depthwiseConv2d(dzT, t.filtersT[l]!, 1, 'valid'), [rows, m, fanIn]);
      const below = hidden[l - 1]!;
      const masked = masks[l - 1] ? tf.mul(dx, masks[l - 1]!) : dx;
      dz = tf.mul(masked, tf.step(below.relu)) as tf.Tensor3D;
    }
    // Collected last layer first, kernel after bias: flatten in buffers order.
    const flat = tf.concat(grads.reverse().map((g) => tf.reshape(g, [-1])));
    return { grads: flat.dataSync() as Float32Array, loss };
  }

  /** Offset of each buffer's gradient in `step`'s flat gradients. */
  get gradientOffsets(): number[] {
    let at = 0;
    return this.buffers.map((b) => {
      const here = at;
      at += b.length;
      return here;
    });
  }

  #disposeTensors(): void {
    if (!this.#tensors) return;
    const { filters, biases, filtersT } = this.#tensors;
    tf.dispose([...filters, ...biases, ...filtersT]);
    this.#tensors = undefined;
  }

  dispose(): void {
    this.#disposeTensors();
  }
}
