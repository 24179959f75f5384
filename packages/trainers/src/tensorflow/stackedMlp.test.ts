import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../preprocessing/random.js';
import { crossEntropy, meanSquaredError } from './losses.js';
import { createMlp, type MlpSpec } from './mlp.js';
import { StackedMlp } from './stackedMlp.js';
import { initTensorflow } from './tfRuntime.js';

beforeAll(async () => {
  await initTensorflow('wasm');
});

const rows = 5;
const uniform = (n: number, seed: number, scale = 1) => {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
};

/**
 * StackedMlp.step's loss and gradients against tf.variableGrads on each model alone (createMlp's
 * forward with the same dropout draws): the hand-written backward must be the tape's, model by model.
 */
function checkStep(specs: MlpSpec[], kind: 'crossEntropy' | 'meanSquaredError', logitScale = 1) {
  const m = specs.length;
  const mlps = specs.map((spec, a) => createMlp(spec, mulberry32(10 + a)));
  mlps.forEach((mlp, a) => {
    mlp.variables.forEach((v, k) => {
      if (k % 2 === 1) v.assign(tf.tensor1d(uniform(v.size, 20 + 10 * a + k, 0.3)));
      if (k === mlp.variables.length - 2) v.assign(tf.mul(v, logitScale));
    });
  });
  const stack = new StackedMlp(specs);
  mlps.forEach((mlp, a) => {
    stack.load(
      a,
      mlp.variables.map((v) => {
        const w = Float32Array.from(v.dataSync());
        return { w, m: new Float32Array(w.length), v: new Float32Array(w.length) };
      }),
    );
  });
  stack.upload();
  const { inputDim, outputDim } = specs[0]!;
  const xs = specs.map((_, a) => uniform(rows * inputDim, 30 + a));
  const labels = specs.map((_, a) => Array.from({ length: rows }, (_, r) => (r + a) % outputDim));
  const targets = specs.map((_, a) => uniform(rows, 40 + a));
  const batch = {
    rows,
    x: new Float32Array(rows * inputDim * m),
    xT: new Float32Array(inputDim * rows * m),
    y: new Float32Array(rows * m * outputDim),
    masks: [] as Float32Array[],
  };
  specs.forEach((_, a) => {
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < inputDim; f++) {
        batch.x[(r * inputDim + f) * m + a] = xs[a]![r * inputDim + f]!;
        batch.xT[(f * rows + r) * m + a] = xs[a]![r * inputDim + f]!;
      }
      for (let c = 0; c < outputDim; c++) {
        const at = (r * m + a) * outputDim + c;
        batch.y[at] = kind === 'crossEntropy' ? Number(labels[a]![r] === c) : targets[a]![r]!;
      }
    }
  });
  // createMlp's draw order: per hidden layer, row-major over the model's own units.
  const width = stack.hiddenMax;
  const draws = specs.map((_, a) => mulberry32(50 + a));
  batch.masks = Array.from({ length: specs[0]!.numHiddenLayers }, () => {
    const mask = new Float32Array(rows * m * width).fill(1);
    specs.forEach((spec, a) => {
      if (spec.dropout === 0) return;
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < spec.hiddenDim; j++)
          mask[(r * m + a) * width + j] = draws[a]!() < 1 - spec.dropout ? 1 / (1 - spec.dropout) : 0;
    });
    return mask;
  });
  const { grads, loss } = tf.tidy(() => {
    const step = stack.step(batch, kind);
    return { grads: step.grads, loss: step.loss.dataSync() };
  });
  let offset = 0;
  const offsets = stack.state.map((s) => {
    const here = offset;
    offset += s.w.length;
    return here;
  });
  const real = new Set<number>();
  mlps.forEach((mlp, a) => {
    const { value, grads: expected } = tf.tidy(() => {
      const x = tf.tensor2d(xs[a]!, [rows, inputDim]);
      const y =
        kind === 'crossEntropy'
          ? (tf.oneHot(tf.tensor1d(labels[a]!, 'int32'), outputDim).toFloat() as tf.Tensor2D)
          : tf.tensor2d(targets[a]!, [rows, 1]);
      const lossFn = kind === 'crossEntropy' ? crossEntropy : meanSquaredError;
      const rng = mulberry32(50 + a);
      const g = tf.variableGrads(() => lossFn(mlp.forward(x, { rng, path: 'stock' }), y), mlp.variables);
      return {
        value: g.value.dataSync()[0]!,
        grads: mlp.variables.map((v) => g.grads[v.name]!.dataSync()),
      };
    });
    expect(Number.isFinite(loss[a]!)).toBe(true);
    expect(Math.abs(loss[a]! / rows - value)).toBeLessThan(1e-5 * Math.max(1, Math.abs(value)));
    expected.forEach((g, k) => {
      for (const [own, at, n] of stack.segments(a, k)) {
        for (let i = 0; i < n; i++) {
          real.add(offsets[k]! + at + i);
          expect(Math.abs(grads[offsets[k]! + at + i]! - g[own + i]!)).toBeLessThan(1e-6 * logitScale);
        }
      }
    });
  });
  // Padding (narrower members' missing units) gets exactly zero gradient.
  for (let i = 0; i < grads.length; i++) if (!real.has(i)) expect(grads[i]).toBe(0);
  stack.dispose();
  for (const mlp of mlps) mlp.dispose();
}

describe('StackedMlp.step (depthwise convolutions, hand-written backward)', () => {
  const base = { inputDim: 3, numHiddenLayers: 2, outputDim: 3 };
  it('gives each model its tf.grads gradients: different widths (padded) and dropouts', () => {
    checkStep(
      [
        { ...base, hiddenDim: 4, dropout: 0.3 },
        { ...base, hiddenDim: 6, dropout: 0 },
        { ...base, hiddenDim: 5, dropout: 0.1 },
      ],
      'crossEntropy',
    );
  });

  it('keeps the loss finite where a model is confidently wrong (log-softmax, not log of softmax)', () => {
    checkStep([{ ...base, hiddenDim: 4, dropout: 0 }], 'crossEntropy', 1e3);
  });

  it('matches on regression and on the linear baseline', () => {
    checkStep(
      [{ inputDim: 3, numHiddenLayers: 1, outputDim: 1, hiddenDim: 4, dropout: 0.2 }],
      'meanSquaredError',
    );
    checkStep(
      [
        { ...base, numHiddenLayers: 0, hiddenDim: 0, dropout: 0 },
        { ...base, numHiddenLayers: 0, hiddenDim: 0, dropout: 0 },
      ],
      'crossEntropy',
    );
  });
});
