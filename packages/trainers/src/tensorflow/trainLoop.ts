import * as tf from '@tensorflow/tfjs';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
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
  epochs: number;
  batchSize: number;
  learningRate: number;
  rng: Random;
  path?: DenseGradPath;
  onEpoch?: (event: EpochEvent) => void;
}

export const divergedMessage = (epoch: number) =>
  `Training diverged (loss became NaN at epoch ${epoch}); try a lower learning rate`;

/**
 * Mini-batch Adam over a hand-built MLP, reshuffled every epoch with our seeded PRNG. A custom loop
 * rather than `model.fit`: it keeps the fast dense gradients and skips fit's per-batch callbacks and
 * event-loop yields. Returns one event per epoch; throws TRAINING_FAILED when the loss is not finite.
 */
export function fitMlp(o: FitOptions): EpochEvent[] {
  const n = o.x.shape[0];
  const batchSize = Math.max(1, Math.min(o.batchSize, n));
  const adam = createAdam(o.mlp.variables, o.learningRate);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const history: EpochEvent[] = [];
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
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
    const event = { epoch, epochs: o.epochs, train_loss: sum / n, test_loss: testLoss };
    history.push(event);
    o.onEpoch?.(event);
  }
  return history;
}
