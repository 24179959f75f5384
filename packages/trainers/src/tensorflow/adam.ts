import * as tf from '@tensorflow/tfjs';

/** Adam's constants, as tf.train.adam uses them by default (epsilon = the backend's 1e-7). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Step `t`'s constants: the learning rate and the bias corrections of both moments. */
export interface AdamStep {
  learningRate: number;
  c1: number;
  c2: number;
}

export const adamStep = (t: number, learningRate: number): AdamStep => ({
  learningRate,
  c1: 1 - BETA1 ** t,
  c2: 1 - BETA2 ** t,
});

/** A parameter array with its two moment arrays (same length). */
export interface AdamState {
  w: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

/**
 * The update rule, over `count` parameters from `at` in `s`, with gradients from `gAt` in `g`: the one
 * formula of both the single-model and the fused (stacked) loops, so their numbers agree.
 */
export function adamUpdate(
  s: AdamState,
  at: number,
  g: Float32Array,
  gAt: number,
  count: number,
  step: AdamStep,
): void {
  const { w, m, v } = s;
  const { learningRate, c1, c2 } = step;
  // Bias corrections as factors (one multiply instead of two divides per parameter), and the new
  // moments kept as the float32 values just stored rather than read back.
  const rate = learningRate / c1;
  const over2 = 1 / c2;
  for (let k = 0; k < count; k++) {
    const i = at + k;
    const gi = g[gAt + k]!;
    const mi = Math.fround(BETA1 * m[i]! + (1 - BETA1) * gi);
    const vi = Math.fround(BETA2 * v[i]! + (1 - BETA2) * gi * gi);
    m[i] = mi;
    v[i] = vi;
    w[i] = w[i]! - (rate * mi) / (Math.sqrt(vi * over2) + EPSILON);
  }
}

export interface Adam {
  /** One Adam step from gradients keyed by variable name (as tf.variableGrads returns them). */
  apply(grads: tf.NamedTensorMap): void;
}

/**
 * Adam (Kingma & Ba 2015) with the moments and a master copy of the weights in plain Float32Arrays.
 * Why not tf.train.adam: it runs about twelve small kernels per variable per step, and at the batch
 * sizes used here per-kernel dispatch costs more than the arithmetic; one tight loop over all
 * parameters plus one upload per variable was measured about 3× cheaper for a 2×128 MLP. Same
 * update rule and defaults as tf.train.adam, so results match it up to float rounding.
 *
 * @example
 * const adam = createAdam(mlp.variables, 0.01);
 * const { grads } = tf.variableGrads(loss, mlp.variables);
 * adam.apply(grads);
 */
export function createAdam(variables: tf.Variable[], learningRate: number): Adam {
  const weights = variables.map((v) => Float32Array.from(v.dataSync()));
  const m = weights.map((w) => new Float32Array(w.length));
  const v = weights.map((w) => new Float32Array(w.length));
  let t = 0;
  return {
    apply(grads) {
      const step = adamStep(++t, learningRate);
      variables.forEach((variable, k) => {
        const grad = grads[variable.name];
        if (!grad) throw new Error(`No gradient for variable ${variable.name}`);
        const w = weights[k]!;
        adamUpdate({ w, m: m[k]!, v: v[k]! }, 0, grad.dataSync() as Float32Array, 0, w.length, step);
        tf.tidy(() => variable.assign(tf.tensor(w, variable.shape)));
      });
    },
  };
}
