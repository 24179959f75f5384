import * as tf from '@tensorflow/tfjs';
import { type AdamState, type AdamStep, adamUpdate } from './adam.js';
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
 * are zero, so its activation is relu(0) = 0 and every gradient touching it is exactly zero. The
 * weights and Adam's moments live on the host in the stacked layout (`state`): one Adam pass
 * updates every model with its own learning rate (padded entries, zero gradient, stay zero), and
 * `upload()` sends the weights after each update.
 */
export class StackedMlp {
  /** Per layer: [inMax, outMax]. */
  readonly dims: Array<[number, number]>;
  /** Host weights and Adam moments: per layer its kernel [inMax, models, outMax], then its bias [models, outMax]. */
  readonly state: AdamState[];
  readonly hiddenMax: number;
  readonly numHiddenLayers: number;
  readonly models: number;
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
    this.state = this.dims
      .flatMap(([i, o]) => [i * m * o, m * o])
      .map((size) => ({ w: new Float32Array(size), m: new Float32Array(size), v: new Float32Array(size) }));
  }

  /**
   * Where model `a`'s variable `k` (its own layout, as Mlp.variables) lives in the stacked one: one
   * segment per kernel row (or the bias), `[ownOffset, stackedOffset, length]` each.
   */
  segments(a: number, k: number): Array<[number, number, number]> {
    const key = a * this.state.length + k;
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

  /** Puts model `a`'s weights and moments (own layout, as Mlp.variables) into the stack. */
  load(a: number, own: AdamState[]): void {
    this.#copy(a, own, true);
  }

  /** Model `a`'s weights and moments back into `own` (its layout). */
  save(a: number, own: AdamState[]): void {
    this.#copy(a, own, false);
  }

  #copy(a: number, own: AdamState[], intoStack: boolean): void {
    own.forEach((o, k) => {
      const s = this.state[k]!;
      for (const [at, to, n] of this.segments(a, k)) {
        for (const key of ['w', 'm', 'v'] as const) {
          if (intoStack) s[key].set(o[key].subarray(at, at + n), to);
          else o[key].set(s[key].subarray(to, to + n), at);
        }
      }
    });
  }

  /** Copies of model `a`'s weights, in its own layout. */
  weightsOf(a: number): Float32Array[] {
    return this.state.map((s, k) => {
      const segments = this.segments(a, k);
      const own = new Float32Array(segments.reduce((sum, [, , n]) => sum + n, 0));
      for (const [at, from, n] of segments) own.set(s.w.subarray(from, from + n), at);
      return own;
    });
  }

  /**
   * One Adam step of every model (adamUpdate, the single loop's rule) from `grads` (StackedMlp.step's
   * flat gradients): model a's real entries with `steps[a]`, its learning rate; padding is skipped.
   */
  adam(grads: Float32Array, steps: AdamStep[]): void {
    let offset = 0;
    this.state.forEach((s, k) => {
      for (let a = 0; a < this.models; a++) {
        const step = steps[a]!;
        const segments = this.segments(a, k);
        for (let i = 0; i < segments.length; i++) {
          const segment = segments[i]!;
          adamUpdate(s, segment[1], grads, offset + segment[1], segment[2], step);
        }
      }
      offset += s.w.length;
    });
  }

  /** Uploads the weights as this step's filters and biases (and the filters transposed, for dX). */
  upload(): void {
    this.#disposeTensors();
    const m = this.models;
    const filters = this.dims.map(([i, o], l) => tf.tensor4d(this.state[2 * l]!.w, [1, i, m, o]));
    this.#tensors = {
      filters,
      biases: this.dims.map((_, l) => tf.tensor1d(this.state[2 * l + 1]!.w)),
      // [1, in, models, out] → [1, out, models, in]: the first layer's is never needed.
      filtersT: filters.map((f, l) => (l === 0 ? f : tf.transpose(f, [0, 3, 2, 1]))),
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
   * One step's gradients, flat in `state` order (each array's gradient after the previous ones,
   * same layout), and each model's summed loss over the batch rows ([models]). Call inside tf.tidy.
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
      // Through log-softmax, as crossEntropy: −log(softmax) would overflow where p underflows.
      const logP = tf.logSoftmax(outputs);
      loss = tf.neg(tf.sum(tf.mul(y, logP), [0, 2])) as tf.Tensor1D;
      dz = tf.mul(tf.sub(tf.exp(logP), y), 1 / rows) as tf.Tensor3D;
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
    // Collected last layer first, kernel after bias: flatten in state order.
    const flat = tf.concat(grads.reverse().map((g) => tf.reshape(g, [-1])));
    return { grads: flat.dataSync() as Float32Array, loss };
  }

  #disposeTensors(): void {
    if (!this.#tensors) return;
    const { filters, biases, filtersT } = this.#tensors;
    tf.dispose([...filters, ...biases, ...filtersT.slice(1)]);
    this.#tensors = undefined;
  }

  dispose(): void {
    this.#disposeTensors();
  }
}
