import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { runDistillJob } from './distillJob.js';
import { syntheticData } from './testData.js';
import { initTensorflow } from './tfRuntime.js';
import { runTrainJob } from './trainJob.js';

const teacherParams: ModelParams = {
  epochs: 8,
  batchSize: 32,
  learningRate: 0.01,
  hiddenDim: 48,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 3,
};
const student: ModelParams = { ...teacherParams, hiddenDim: 8, numHiddenLayers: 1, dropout: 0 };

let root: string;
beforeAll(async () => {
  await initTensorflow('wasm');
  root = await mkdtemp(join(tmpdir(), 'tf-distill-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.each([
  ['classification', syntheticData({ task: 'classification', rows: 400, features: 6, classes: 3 })],
  ['regression', syntheticData({ task: 'regression', rows: 400, features: 6 })],
] as const)('runDistillJob (%s)', (task, data) => {
  it('distils a saved teacher into a smaller student and reports both sides', async () => {
    const teacherDir = await mkdtemp(join(root, 'teacher-'));
    const modelDir = await mkdtemp(join(root, 'student-'));
    const teacher = await runTrainJob({ data, params: teacherParams, modelDir: teacherDir });
    const tensorsBefore = tf.memory().numTensors;
    const job = { data, teacherDir, student, temperature: 3, alpha: 0.7, compareScratch: true, modelDir };
    const r = await runDistillJob(job);
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    expect(r.metric_name).toBe(task === 'classification' ? 'accuracy' : 'r2');
    expect(r.teacher_score).toBeCloseTo(teacher.metric_score, 6);
    expect(r.teacher_parameters).toBe(teacher.parameterCount);
    expect(r.student_parameters).toBe(
      6 * 8 + 8 + 8 * (task === 'classification' ? 3 : 1) + (task === 'classification' ? 3 : 1),
    );
    expect(r.history).toHaveLength(student.epochs);
    expect(r.scratch_score).toEqual(expect.any(Number));
    expect(r.agreement).toBeGreaterThan(task === 'classification' ? 0.6 : 0.3);
    expect(r.files).toEqual(['model.json', 'weights.bin', 'raw_model.json', 'raw_weights.bin', 'model.onnx']);
    expect((await readdir(modelDir)).sort()).toEqual([
      'model.json',
      'model.onnx',
      'raw_model.json',
      'raw_weights.bin',
      'weights.bin',
    ]);

    const again = await runDistillJob({ ...job, modelDir: undefined });
    expect(again.student_score).toBe(r.student_score);
    expect(again.history).toEqual(r.history);
  });
});

describe('runDistillJob errors', () => {
  const data = syntheticData({ task: 'classification', rows: 100, features: 4, classes: 2 });

  it('reports a missing teacher as NOT_FOUND on teacherModelId', async () => {
    const job = {
      data,
      teacherDir: join(root, 'nope'),
      student,
      temperature: 2,
      alpha: 0.5,
      compareScratch: false,
    };
    await expect(runDistillJob(job)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'teacherModelId' });
  });

  it('rejects a teacher trained on another feature layout', async () => {
    const teacherDir = await mkdtemp(join(root, 'other-'));
    const other = syntheticData({ task: 'classification', rows: 100, features: 5, classes: 2 });
    await runTrainJob({ data: other, params: { ...teacherParams, epochs: 1 }, modelDir: teacherDir });
    const job = { data, teacherDir, student, temperature: 2, alpha: 0.5, compareScratch: false };
    await expect(runDistillJob(job)).rejects.toMatchObject({ code: 'VALIDATION', field: 'teacherModelId' });
  });

  it('names alpha when it is outside [0, 1]', async () => {
    const job = { data, teacherDir: root, student, temperature: 2, alpha: 1.5, compareScratch: false };
    await expect(runDistillJob(job)).rejects.toMatchObject({
      field: 'alpha',
      message: 'Invalid alpha: 1.5 (in [0, 1])',
    });
  });
});
