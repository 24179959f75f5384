// Issue 3's quality bars on the built-in datasets, default seed: 2×64, 50 epochs, lr 0.01, testSize 0.2.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { runDistillJob } from './distillJob.js';
import { builtinData } from './testData.js';
import { initTensorflow } from './tfRuntime.js';
import { runTrainJob } from './trainJob.js';

const defaults: ModelParams = {
  epochs: 50,
  batchSize: 32,
  learningRate: 0.01,
  hiddenDim: 64,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 42,
};

let root: string;
beforeAll(async () => {
  await initTensorflow('wasm');
  root = await mkdtemp(join(tmpdir(), 'tf-quality-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('TensorFlow engine quality bars', () => {
  it.each([
    ['iris', 0.9],
    ['wine', 0.9],
    ['breast_cancer', 0.94],
    ['digits', 0.9],
  ])('%s: the MLP reaches %f accuracy and the linear baseline stays within 5 points', async (id, bar) => {
    const data = await builtinData(id);
    const mlp = await runTrainJob({ data, params: defaults });
    const linear = await runTrainJob({ data, params: { ...defaults, mode: 'linear' } });
    expect(mlp.metric_name).toBe('accuracy');
    expect(mlp.metric_score).toBeGreaterThanOrEqual(bar);
    expect(linear.metric_score).toBeGreaterThanOrEqual(bar - 0.05);
    expect(linear.metric_score).toBeGreaterThanOrEqual(mlp.metric_score - 0.05);
  });

  it('diabetes: the MLP reaches r2 0.35', async () => {
    const r = await runTrainJob({ data: await builtinData('diabetes'), params: defaults });
    expect(r.metric_name).toBe('r2');
    expect(r.metric_score).toBeGreaterThanOrEqual(0.35);
  });

  it.each([
    ['breast_cancer', 16],
    ['digits', 24],
  ])(
    '%s: a 1×%i student (≤ 1/4 of the teacher’s parameters) keeps ≥ 0.95 × the teacher’s score',
    async (id, hiddenDim) => {
      const data = await builtinData(id);
      const teacherDir = await mkdtemp(join(root, `${id}-`));
      const teacher = await runTrainJob({ data, params: defaults, modelDir: teacherDir });
      const student = { ...defaults, hiddenDim, numHiddenLayers: 1, dropout: 0, epochs: 30 };
      const r = await runDistillJob({
        data,
        teacherDir,
        student,
        temperature: 4,
        alpha: 0.7,
        compareScratch: false,
      });
      expect(r.teacher_score).toBe(teacher.metric_score);
      expect(r.student_parameters * 4).toBeLessThanOrEqual(r.teacher_parameters);
      expect(r.student_score).toBeGreaterThanOrEqual(0.95 * r.teacher_score);
    },
  );
});
