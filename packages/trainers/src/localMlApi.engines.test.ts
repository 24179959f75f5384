import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalMlApi } from './localMlApi.js';
import { createPytorchEngine } from './pytorch/index.js';
import { createTensorflowEngine } from './tensorflow/index.js';

// The real engines (python + torch; TF.js in a worker thread, from the built dist/) behind
// createLocalMlApi on the built-in iris data: few epochs, so it runs in seconds.
const home = mkdtempSync(join(tmpdir(), 'trainyard-api-real-'));
const api = createLocalMlApi({
  home,
  engines: {
    pytorch: createPytorchEngine({ slots: 1, threadsPerSlot: 1 }),
    tensorflow: createTensorflowEngine({ slots: 1 }),
  },
});

afterAll(async () => {
  await api.close();
  rmSync(home, { recursive: true, force: true });
});

const iris = {
  datasetId: 'iris',
  epochs: 30,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 32,
  numHiddenLayers: 2,
  dropout: 0,
};

describe('createLocalMlApi with the real PyTorch engine', () => {
  it('trains iris, stores a TorchScript model and repeats its metrics for the same seed', async () => {
    const epochs: number[] = [];
    const first = await api.trainPytorch(iris, { onEpoch: (e) => epochs.push(e.epoch) });
    expect(first.metric_name).toBe('accuracy');
    expect(first.metric_score).toBeGreaterThanOrEqual(0.9);
    expect(epochs).toHaveLength(30);
    expect(readdirSync(first.modelPath).sort()).toEqual([
      'metadata.json',
      'model.onnx',
      'model.pt',
      'raw_model.pt',
    ]);
    const again = await api.trainPytorch(iris);
    expect(again.metric_score).toBe(first.metric_score);
    expect(again.test_loss).toBe(first.test_loss);
    expect(again.modelId).not.toBe(first.modelId);
  });

  it('distils an iris teacher into a smaller student on the same split', async () => {
    const teacher = await api.trainPytorch(iris);
    const res = await api.distillPytorch({
      teacherModelId: teacher.modelId,
      datasetId: 'iris',
      hiddenDim: 8,
      numHiddenLayers: 1,
      temperature: 3,
      alpha: 0.7,
      epochs: 30,
      batchSize: 16,
      learningRate: 0.02,
    });
    expect(res.metrics.teacher_score).toBe(teacher.metric_score);
    expect(res.metrics.compression_ratio).toBeGreaterThan(4);
    expect(res.metrics.student_score).toBeGreaterThan(0.8);
    expect((await api.models.get(res.modelId)).teacherModelId).toBe(teacher.modelId);
  });

  it('cancels a run through its signal and keeps no model', async () => {
    const before = readdirSync(join(home, 'models')).length;
    const controller = new AbortController();
    const run = api.trainPytorch(
      { ...iris, datasetId: 'digits', epochs: 400 },
      { signal: controller.signal, onEpoch: (e) => e.epoch === 2 && controller.abort() },
    );
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MlApiError);
    expect((err as MlApiError).code).toBe('CANCELLED');
    expect(readdirSync(join(home, 'models'))).toHaveLength(before);
  });
});

describe('createLocalMlApi with the real TensorFlow engine', () => {
  it('trains iris (MLP and linear baseline) on the same split as PyTorch and distils a student', async () => {
    const mlp = await api.trainTensorflow({ ...iris, mode: 'mlp' });
    expect(mlp).toMatchObject({ framework: 'tensorflow', metric_name: 'accuracy' });
    expect(mlp.metric_score).toBeGreaterThanOrEqual(0.9);
    expect(readdirSync(mlp.modelPath)).toContain('model.json');
    const linear = await api.trainTensorflow({ ...iris, mode: 'linear', epochs: 60, learningRate: 0.05 });
    expect(linear.metric_score).toBeGreaterThanOrEqual(0.85);
    expect(linear.parameterCount).toBe(4 * 3 + 3);
    const pytorchMeta = (await api.models.list()).find(
      (m) => m.framework === 'pytorch' && m.kind === 'trained',
    )!;
    expect((await api.models.get(mlp.modelId)).preprocessing).toEqual(pytorchMeta.preprocessing);

    const student = await api.distillTensorflow({
      teacherModelId: mlp.modelId,
      hiddenDim: 8,
      numHiddenLayers: 1,
      temperature: 3,
      alpha: 0.7,
      epochs: 30,
      batchSize: 16,
      learningRate: 0.02,
    });
    expect(student.metrics.compression_ratio).toBeGreaterThan(4);
    expect(student.metrics.student_score).toBeGreaterThan(0.8);
    const crossFramework = await api
      .distillPytorch({
        teacherModelId: mlp.modelId,
        hiddenDim: 8,
        numHiddenLayers: 1,
        temperature: 2,
        alpha: 0.5,
        epochs: 1,
        batchSize: 16,
        learningRate: 0.01,
      })
      .catch((e: unknown) => e);
    expect(crossFramework).toMatchObject({ code: 'VALIDATION', field: 'teacherModelId' });
  });
});
