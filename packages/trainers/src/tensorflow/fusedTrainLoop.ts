import * as tf from '@tensorflow/tfjs';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import type { EarlyStopping } from '../engine.js';
import { type Random, shuffleInPlace } from '../preprocessing/random.js';
import { cancelled } from '../workers/slotPool.js';
import { type AdamState, adamStep } from './adam.js';
import type { Mlp } from './mlp.js';
import { StackedMlp } from './stackedMlp.js';
import { divergedMessage } from './trainLoop.js';

/** One model of a fused loop, seeded and initialised as its separate run is (`createMlp(spec, rng)`). */
export interface FusedModel {
  mlp: Mlp;
  rng: Random;
  epochs: number;
  learningRate: number;
  /** Epoch counts to snapshot (shared prefixes), as FitOptions.checkpoints. */
  checkpoints?: ReadonlySet<number>;
  onEpoch?: (event: EpochEvent) => void;
  /** Asked between epochs: 'cancel' ends it as CANCELLED, 'prune' as a shorter run (`pruned`). */
  stopAsked?: () => 'cancel' | 'prune' | undefined;
}

/** A model's weights at some epoch (own layout, as Mlp.variables) and its raw test outputs then. */
export interface FusedWeights {
  weights: Float32Array[];
  testOutputs: Float32Array;
}

export interface FusedSnapshot extends FusedWeights {
  epochs: number;
  bestEpoch: number;
  history: EpochEvent[];
}

/** Per model: what FitResult says, with the saved weights and test outputs, or why it failed. */
export type FusedOutcome =
  | {
      ok: true;
      history: EpochEvent[];
      bestEpoch: number;
      pruned: boolean;
      final: FusedWeights;
      snapshots: FusedSnapshot[];
    }
  | { ok: false; error: MlApiError };

export interface FusedFitOptions {
  models: FusedModel[];
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  /** What every model minimises (the single run's hardLabelLoss); `y` holds one-hot rows for crossEntropy. */
  kind: 'crossEntropy' | 'meanSquaredError';
  /** Per-model mean losses of stacked outputs [models, rows, outputs] against (broadcast) targets. */
  loss: (output: tf.Tensor3D, targets: tf.Tensor) => tf.Tensor1D;
  xTest: tf.Tensor2D;
  yTest: tf.Tensor2D;
  /** With validation rows: them, their targets and the score of one model's raw outputs on them. */
  validation?: { x: tf.Tensor2D; y: tf.Tensor2D; score: (outputs: Float32Array) => number };
  earlyStopping?: EarlyStopping;
  batchSize: number;
  /**
   * Called after an epoch's events and before any model that may go on asks `stopAsked` whether
   * to be pruned (the engine waits there until the host has handled the events).
   */
  epochDone?: () => void;
}

interface Live {
  index: number;
  model: FusedModel;
  adam: AdamState[];
  t: number;
  order: Int32Array;
  history: EpochEvent[];
  lossSum: number;
  best?: { epoch: number; score: number; at: FusedWeights };
  latest?: FusedWeights;
  snapshots: FusedSnapshot[];
  failed?: MlApiError;
  ended?: { pruned: boolean };
}

/**
 * fitMlp for several models at once: one stacked model (StackedMlp: every model a channel of the
 * same depthwise convolutions, its backward pass in TF.js ops), one elementwise Adam with each
 * model's learning rate (adamUpdate, the single loop's formula). Each model shuffles and draws its
 * dropout masks from its own stream in the single loop's order, so it ends where fitMlp would, up to
 * float rounding, and bit for bit where it ends in any other stack (its separate run, a stack of
 * one: runTrainJob). Losses stay on the device and are read once per epoch; a model whose
 * epoch loss is not finite fails there (the epoch a separate run fails in). A model that diverges,
 * is cancelled, pruned, stopped early or done leaves the stack (rebuilt without it) and the others
 * go on.
 */
export function fitFused(o: FusedFitOptions): FusedOutcome[] {
  const n = o.x.shape[0];
  const batchSize = Math.max(1, Math.min(o.batchSize, n));
  const host = { x: o.x.dataSync() as Float32Array, y: o.y.dataSync() as Float32Array };
  const lives: Live[] = o.models.map((model, index) => ({
    index,
    model,
    adam: model.mlp.variables.map((v) => {
      const w = Float32Array.from(v.dataSync());
      return { w, m: new Float32Array(w.length), v: new Float32Array(w.length) };
    }),
    t: 0,
    order: Int32Array.from({ length: n }, (_, i) => i),
    history: [],
    lossSum: 0,
    snapshots: [],
  }));
  let stack: { members: Live[]; model: StackedMlp } | undefined;
  const running = () => lives.filter((l) => !l.failed && !l.ended);
  /** The stack of the models still running, rebuilt (state carried over) when one left. */
  const stacked = (): { members: Live[]; model: StackedMlp } => {
    const members = running();
    if (stack && stack.members.length === members.length) return stack;
    if (stack) {
      const old = stack.model;
      stack.members.forEach((l, a) => {
        old.save(a, l.adam);
      });
      old.dispose();
    }
    const model = new StackedMlp(members.map((l) => l.model.mlp.spec));
    members.forEach((l, a) => {
      model.load(a, l.adam);
    });
    model.upload();
    stack = { members, model };
    return stack;
  };
  let losses: tf.Tensor1D | undefined;
  try {
    const maxEpochs = Math.max(...o.models.map((m) => m.epochs));
    for (let epoch = 1; epoch <= maxEpochs && running().length > 0; epoch++) {
      for (const l of running()) {
        if (l.model.stopAsked?.() === 'cancel') l.failed = cancelled();
        else shuffleInPlace(l.order, l.model.rng);
      }
      if (running().length === 0) break;
      const current = stacked();
      losses = tf.zeros([current.members.length]);
      for (let start = 0; start < n; start += batchSize) {
        const next: tf.Tensor1D = trainBatch(o, host, current, losses, start, Math.min(start + batchSize, n));
        losses.dispose();
        losses = next;
      }
      const sums = losses.dataSync();
      losses.dispose();
      losses = undefined;
      current.members.forEach((l, a) => {
        l.lossSum = sums[a]!;
        if (!Number.isFinite(l.lossSum)) l.failed = new MlApiError('TRAINING_FAILED', divergedMessage(epoch));
      });
      if (running().length > 0) endEpoch(o, stacked(), epoch, n);
    }
    return lives.map((l) => outcomeOf(l));
  } finally {
    losses?.dispose();
    stack?.model.dispose();
  }
}

/** One step of every model on its own rows `order[start, end)`; returns `losses` plus this batch's. */
function trainBatch(
  o: FusedFitOptions,
  host: { x: Float32Array; y: Float32Array },
  { members, model }: { members: Live[]; model: StackedMlp },
  losses: tf.Tensor1D,
  start: number,
  end: number,
): tf.Tensor1D {
  const rows = end - start;
  const m = members.length;
  const features = o.x.shape[1];
  const outputs = o.y.shape[1];
  const x = new Float32Array(rows * features * m);
  const xT = new Float32Array(features * rows * m);
  const y = new Float32Array(rows * m * outputs);
  members.forEach((l, a) => {
    for (let r = 0; r < rows; r++) {
      const row = l.order[start + r]!;
      for (let f = 0; f < features; f++) {
        const value = host.x[row * features + f]!;
        x[(r * features + f) * m + a] = value;
        xT[(f * rows + r) * m + a] = value;
      }
      for (let c = 0; c < outputs; c++) y[(r * m + a) * outputs + c] = host.y[row * outputs + c]!;
    }
  });
  let grads: Float32Array = new Float32Array(0);
  const next = tf.tidy(() => {
    const step = model.step({ rows, x, xT, y, masks: dropoutMasks(members, model, rows) }, o.kind);
    grads = step.grads;
    return tf.add(losses, step.loss) as tf.Tensor1D;
  });
  model.adam(
    grads,
    members.map((l) => adamStep(++l.t, l.model.learningRate)),
  );
  model.upload();
  return next;
}

/**
 * Each model's inverted-dropout masks for one batch ([rows, models, hiddenMax] per hidden layer),
 * drawn from its own stream in createMlp's forward order (layer by layer, row-major over its own
 * units); models without dropout keep all.
 */
function dropoutMasks(members: Live[], model: StackedMlp, rows: number): Float32Array[] {
  if (!members.some((l) => l.model.mlp.spec.dropout > 0)) return [];
  const width = model.hiddenMax;
  const m = members.length;
  return Array.from({ length: model.numHiddenLayers }, () => {
    const mask = new Float32Array(rows * m * width).fill(1);
    members.forEach((l, a) => {
      const { dropout: rate, hiddenDim } = l.model.mlp.spec;
      if (rate === 0) return;
      const keep = 1 - rate;
      for (let r = 0; r < rows; r++) {
        const at = (r * m + a) * width;
        for (let j = 0; j < hiddenDim; j++) mask[at + j] = l.model.rng() < keep ? 1 / keep : 0;
      }
    });
    return mask;
  });
}

/** Per model: losses [models] and raw outputs (its own slice) of the stack on x. */
function evaluate(o: FusedFitOptions, model: StackedMlp, x: tf.Tensor2D, y: tf.Tensor2D) {
  let losses = new Float32Array(0);
  let all = new Float32Array(0);
  let size = 0;
  tf.tidy(() => {
    const [rows, features] = x.shape;
    // Every model sees the same rows: channel a of the input is a copy of x.
    const input = tf.tile(tf.reshape(x, [rows, 1, features, 1]), [1, 1, 1, model.models]) as tf.Tensor4D;
    const out = tf.transpose(model.forward(input).outputs, [1, 0, 2]) as tf.Tensor3D;
    losses = Float32Array.from(o.loss(out, y).dataSync());
    all = Float32Array.from(out.dataSync());
    size = out.shape[1] * out.shape[2];
  });
  return { losses, outputs: (a: number) => all.slice(a * size, (a + 1) * size) };
}

function endEpoch(
  o: FusedFitOptions,
  { members, model }: { members: Live[]; model: StackedMlp },
  epoch: number,
  n: number,
) {
  const test = evaluate(o, model, o.xTest, o.yTest);
  const val = o.validation ? evaluate(o, model, o.validation.x, o.validation.y) : undefined;
  const open: Live[] = [];
  members.forEach((l, a) => {
    const { model: m } = l;
    if (m.stopAsked?.() === 'cancel') {
      l.failed = cancelled();
      return;
    }
    const diverged = () => {
      l.failed = new MlApiError('TRAINING_FAILED', divergedMessage(epoch));
    };
    const event: EpochEvent = {
      epoch,
      epochs: m.epochs,
      train_loss: l.lossSum / n,
      test_loss: test.losses[a]!,
    };
    if (!Number.isFinite(event.test_loss)) {
      diverged();
      return;
    }
    if (val && o.validation) {
      if (!Number.isFinite(val.losses[a]!)) {
        diverged();
        return;
      }
      event.val_loss = val.losses[a]!;
      event.val_score = o.validation.score(val.outputs(a));
    }
    l.history.push(event);
    m.onEpoch?.(event);
    l.latest = { weights: model.weightsOf(a), testOutputs: test.outputs(a) };
    const stop = o.earlyStopping && val ? keepBest(l, event, o.earlyStopping) : false;
    if (m.checkpoints?.has(epoch)) {
      const at = l.best?.at ?? l.latest;
      l.snapshots.push({
        epochs: epoch,
        bestEpoch: l.best?.epoch ?? epoch,
        history: l.history.map((e) => ({ ...e, epochs: epoch })),
        weights: at.weights,
        testOutputs: at.testOutputs,
      });
    }
    if (stop || epoch === m.epochs) l.ended = { pruned: false };
    else open.push(l);
  });
  if (open.length > 0) o.epochDone?.();
  for (const l of open) if (l.model.stopAsked?.() === 'prune') l.ended = { pruned: true };
}

/** bestEpochKeeper's rule for one model: true once `patience` epochs passed without a rise. */
function keepBest(l: Live, event: EpochEvent, { patience, minDelta }: EarlyStopping): boolean {
  const score = event.val_score!;
  if (!l.best || score > l.best.score + minDelta) {
    l.best = { epoch: event.epoch, score, at: l.latest! };
    return false;
  }
  return event.epoch - l.best.epoch >= patience;
}

function outcomeOf(l: Live): FusedOutcome {
  if (l.failed) return { ok: false, error: l.failed };
  const final = l.best?.at ?? l.latest!;
  return {
    ok: true,
    history: l.history,
    bestEpoch: l.best?.epoch ?? l.history.length,
    pruned: l.ended?.pruned ?? false,
    final,
    snapshots: l.snapshots,
  };
}
