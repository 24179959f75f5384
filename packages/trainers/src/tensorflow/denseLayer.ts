import * as tf from '@tensorflow/tfjs';

export type DenseActivation = 'relu' | 'linear';

/** `fast`: explicit transposes in back-prop (our path); `stock`: TF.js's own gradients (reference). */
export type DenseGradPath = 'fast' | 'stock';

const forward = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: DenseActivation) =>
  tf.fused.matMul({ a: x, b: w, bias: b, activation }) as tf.Tensor2D;

const activationGrad = (dy: tf.Tensor2D, y: tf.Tensor2D, activation: DenseActivation): tf.Tensor2D =>
  activation === 'relu' ? tf.mul(dy, tf.step(y)) : dy;

/**
 * y = activation(x·W + b) with a hand-written gradient. TF.js's own matMul gradient multiplies with
 * transpose flags, and in the wasm backend a flagged matMul leaves XNNPACK's fast path (tfjs PR
 * #2532); materialising the transpose first keeps every multiply on it: dX = dZ·Wᵀ, dW = Xᵀ·dZ.
 * The numbers are the same as the stock gradient up to float rounding (guarded by a test).
 *
 * `inputGrad: false` is for the first layer, whose input is data: its dX is never needed, so the
 * largest of the three products is skipped.
 */
export function dense(
  x: tf.Tensor2D,
  w: tf.Variable | tf.Tensor2D,
  b: tf.Variable | tf.Tensor1D,
  activation: DenseActivation,
  opts: { path?: DenseGradPath; inputGrad?: boolean } = {},
): tf.Tensor2D {
  const w2 = w as tf.Tensor2D;
  const b1 = b as tf.Tensor1D;
  if (opts.path === 'stock') return forward(x, w2, b1, activation);
  if (opts.inputGrad === false) {
    const op = tf.customGrad((wIn, bIn, save) => {
      const y = forward(x, wIn as tf.Tensor2D, bIn as tf.Tensor1D, activation);
      (save as tf.GradSaveFunc)([y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor2D, [yOut]: tf.Tensor[]) => {
          const dz = activationGrad(dy, yOut as tf.Tensor2D, activation);
          return [tf.matMul(tf.transpose(x), dz), tf.sum(dz, 0)];
        },
      };
    });
    return op(w2, b1) as tf.Tensor2D;
  }
  const op = tf.customGrad((xIn, wIn, bIn, save) => {
    const y = forward(xIn as tf.Tensor2D, wIn as tf.Tensor2D, bIn as tf.Tensor1D, activation);
    (save as tf.GradSaveFunc)([xIn as tf.Tensor, wIn as tf.Tensor, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, [xs, ws, yOut]: tf.Tensor[]) => {
        const dz = activationGrad(dy, yOut as tf.Tensor2D, activation);
        return [
          tf.matMul(dz, tf.transpose(ws as tf.Tensor2D)),
          tf.matMul(tf.transpose(xs as tf.Tensor2D), dz),
          tf.sum(dz, 0),
        ];
      },
    };
  });
  return op(x, w2, b1) as tf.Tensor2D;
}
