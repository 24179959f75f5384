import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdam } from './adam.js';
import { initTensorflow } from './tfRuntime.js';

beforeAll(async () => {
  await initTensorflow('wasm');
});

describe('createAdam', () => {
  it('takes the same steps as tf.train.adam with its defaults', () => {
    const x = tf.tensor2d([0.5, -1, 2, 0.25, 1.5, -0.75], [3, 2]);
    const y = tf.tensor2d([1, -2, 0.5], [3, 1]);
    const start = [0.3, -0.2];
    const ours = tf.variable(tf.tensor2d(start, [2, 1]));
    const theirs = tf.variable(tf.tensor2d(start, [2, 1]));
    const loss = (w: tf.Variable) => () => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar;
    const adam = createAdam([ours], 0.05);
    const reference = tf.train.adam(0.05);
    for (let step = 0; step < 25; step++) {
      tf.tidy(() => adam.apply(tf.variableGrads(loss(ours), [ours]).grads));
      tf.tidy(() => {
        reference.minimize(loss(theirs), false, [theirs]);
      });
    }
    const a = ours.dataSync();
    const b = theirs.dataSync();
    expect(Math.abs(a[0]! - start[0]!)).toBeGreaterThan(0.1); // it really moved
    // float32 kernels there, float64 arithmetic here: equal up to rounding.
    for (const i of [0, 1]) expect(Math.abs(a[i]! - b[i]!) / Math.abs(b[i]!)).toBeLessThan(1e-4);
    tf.dispose([x, y, ours, theirs]);
    reference.dispose();
  });
});
