import * as tf from '@tensorflow/tfjs';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import type { EarlyStopping } from '../engine.js';
import { type Random, shuffleInPlace } from '../preprocessing/random.js';
import { createAdam } from './adam.js';
import type { DenseGradPath } from './denseLayer.js';
import type { Mlp } from './mlp.js';

export interface FitOptions {
  mlp: Mlp;
  x: tf.Tensor2D;
  /** Per-row targets, gathered in step with `x` (e.g. `[oneHot]`, or `[oneHot, teacherLogits]`). */
  targets: tf.Tensor2D[];
  loss: (output: tf.Tensor2D, targets: tf.Tensor2D[]) => tf.Scalar;
  /** Test loss with the current weights, in the same units as `loss`. */
  testLoss: () => number;
  /** With validation rows: their loss and score (accuracy or r2) with the current weights. */
  validate?: () => { loss: number; score: number };
  /** Needs `validate`: stops early and leaves the best validation epoch's weights in the MLP. */
  earlyStopping?: EarlyStopping;
  /**
   * Runs `onCheckpoint` after each of these epochs, with the MLP holding what a run of that many
   * epochs would end with (the best epoch so far under early stopping).
   */
  checkpoints?: ReadonlySet<number>;
  onCheckpoint?: (epoch: number, bestEpoch: number, history: EpochEvent[]) => void;
  epochs: number;
  batchSize: number;
  learningRate: number;
  rng: Random;
  path?: DenseGradPath;
  onEpoch?: (event: EpochEvent) => void;
  /** Asked after each epoch but the last: true ends training there (pruning), as a shorter run. */
  stopAsked?: () => boolean;
}

export const divergedMessage = (epoch: number) =>
  `Training diverged (loss became NaN at epoch ${epoch}); try a lower learning rate`;

export interface FitResult {
  /** One event per epoch trained. */
  history: EpochEvent[];
  /** The epoch whose weights the MLP holds: the best validation epoch under early stopping, else the last. */
  bestEpoch: number;
  /** `stopAsked` ended training before its last epoch. */
  pruned: boolean;
}

/**
 * Mini-batch Adam over a hand-built MLP, reshuffled every epoch with our seeded PRNG. A custom loop
 * rather than `model.fit`: it keeps the fast dense gradients and skips fit's per-batch callbacks and
 * event-loop yields. Returns one event per epoch; throws TRAINING_FAILED when the loss is not finite.
 * Evaluating (test or validation rows) draws nothing from `rng`, so the first k epochs of a run are
 * those of the same run with `epochs: k`, whatever is evaluated or when it stops.
 */
export function fitMlp(o: FitOptions): FitResult {
  const n = o.x.shape[0];
  const batchSize = Math.max(1, Math.min(o.batchSize, n));
  const adam = createAdam(o.mlp.variables, o.learningRate);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const history: EpochEvent[] = [];
  const best = o.earlyStopping && o.validate ? bestEpochKeeper(o.mlp, o.earlyStopping) : undefined;
  let pruned = false;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const event = trainEpoch(o, { epoch, n, batchSize, adam, order });
      history.push(event);
      o.onEpoch?.(event);
      const stop = best?.stopAfter(event) ?? false;
      if (o.checkpoints?.has(epoch) && o.onCheckpoint) {
        const take = o.onCheckpoint;
        if (best) best.lend(() => take(epoch, best.epoch(), history));
        else take(epoch, epoch, history);
      }
      if (stop) break;
      if (epoch < o.epochs && o.stopAsked?.()) {
        pruned = true;
        break;
      }
    }
    best?.restore();
    return { history, bestEpoch: best?.epoch() ?? history.length, pruned };
  } finally {
    best?.dispose();
  }
}

function trainEpoch(
  o: FitOptions,
  {
    epoch,
    n,
    batchSize,
    adam,
    order,
  }: {
    epoch: number;
    n: number;
    batchSize: number;
    adam: ReturnType<typeof createAdam>;
    order: Int32Array;
  },
): EpochEvent {
  shuffleInPlace(order, o.rng);
  let sum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    const batchLoss = tf.tidy(() => {
      const idx = tf.tensor1d(order.subarray(start, end), 'int32');
      const xb = tf.gather(o.x, idx);
      const tb = o.targets.map((t) => tf.gather(t, idx));
      const { value, grads } = tf.variableGrads(
        () => o.loss(o.mlp.forward(xb, { rng: o.rng, path: o.path ?? 'fast' }), tb),
        o.mlp.variables,
      );
      const loss = value.dataSync()[0]!;
      if (Number.isFinite(loss)) adam.apply(grads);
      return loss;
    });
    if (!Number.isFinite(batchLoss)) throw new MlApiError('TRAINING_FAILED', divergedMessage(epoch));
    sum += batchLoss * (end - start);
  }
  const testLoss = o.testLoss();
  if (!Number.isFinite(testLoss)) throw new MlApiError('TRAINING_FAILED', divergedMessage(epoch));
  const event: EpochEvent = { epoch, epochs: o.epochs, train_loss: sum / n, test_loss: testLoss };
  if (o.validate) {
    const val = o.validate();
    if (!Number.isFinite(val.loss)) throw new MlApiError('TRAINING_FAILED', divergedMessage(epoch));
    event.val_loss = val.loss;
    event.val_score = val.score;
  }
  return event;
}

/**
 * Early stopping: a copy of the weights of the best validation epoch so far (a rise of more than
 * `minDelta` counts), and the call to stop after `patience` epochs without one.
 */
function bestEpochKeeper(mlp: Mlp, { patience, minDelta }: EarlyStopping) {
  let bestEpoch = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  let weights: tf.Tensor[] = [];
  return {
    stopAfter(event: EpochEvent): boolean {
      const score = event.val_score!;
      if (bestEpoch === 0 || score > bestScore + minDelta) {
        for (const w of weights) w.dispose();
        weights = mlp.variables.map((v) => tf.clone(v));
        bestEpoch = event.epoch;
        bestScore = score;
        return false;
      }
      return event.epoch - bestEpoch >= patience;
    },
    restore() {
      mlp.variables.forEach((v, i) => {
        v.assign(weights[i]!);
      });
    },
    /** Runs `fn` with the best weights in the MLP, then puts the current ones back. */
    lend(fn: () => void) {
      const current = mlp.variables.map((v) => tf.clone(v));
      try {
        this.restore();
        fn();
      } finally {
        mlp.variables.forEach((v, i) => {
          v.assign(current[i]!);
        });
        for (const t of current) t.dispose();
      }
    },
    epoch: () => bestEpoch,
    dispose() {
      for (const w of weights) w.dispose();
      weights = [];
    },
  };
}
