import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EpochEvent, MlApiError, type TrainRequest, type TrainResponse } from '@trainyard/core';
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

// k-fold cross-validation on both engines: few epochs on iris.
const kfoldIris: TrainRequest = {
  datasetId: 'iris',
  epochs: 6,
  batchSize: 16,
  learningRate: 0.02,
  testSize: 0.2,
  hiddenDim: 16,
  numHiddenLayers: 1,
  dropout: 0,
  seed: 7,
};

const engines = [
  { name: 'PyTorch', train: (r: TrainRequest, o = {}) => api.trainPytorch(r, o) },
  { name: 'TensorFlow', train: (r: TrainRequest, o = {}) => api.trainTensorflow({ ...r, mode: 'mlp' }, o) },
];

const modelFolders = () => readdirSync(join(home, 'models')).sort();

describe.each(engines)('$name engine: k-fold cross-validation on iris', ({ train }) => {
  it("scores the folds, refits on the whole non-test part and saves only the refit's model", async () => {
    const before = modelFolders();
    const events: EpochEvent[] = [];
    const run: TrainResponse = await train(
      { ...kfoldIris, folds: 3 },
      { onEpoch: (e: EpochEvent) => events.push(e) },
    );
    // One new model folder, no scratch folder of a fold left behind.
    expect(modelFolders().filter((f) => !before.includes(f))).toEqual([run.modelId]);

    // The refit is a plain run of the same combination on the two-way split: same test figures.
    const plain = await train(kfoldIris);
    expect(run.metric_score).toBe(plain.metric_score);
    expect(run.test_loss).toBe(plain.test_loss);
    expect(run.train_loss).toBe(plain.train_loss);

    expect(run.val_score).toBeGreaterThan(0.3);
    expect(run.val_score).toBeLessThanOrEqual(1);
    expect(run.val_score_std).toBeGreaterThanOrEqual(0);
    expect(run.val_score_std).toBeLessThan(0.5);
    expect(plain.val_score_std).toBeUndefined();
    expect(run).toMatchObject({ best_epoch: 6, stopped_epoch: 6, pruned: false });
    // The curve: per epoch, the folds' mean validation figures; at the last epoch, the run's score.
    expect(run.history).toHaveLength(6);
    expect(run.history.every((e) => e.val_score !== undefined && e.val_loss !== undefined)).toBe(true);
    expect(run.history[5]!.val_score).toBeCloseTo(run.val_score!, 6);
    expect(run.history[5]!.val_loss).toBeCloseTo(run.val_loss!, 6);

    // Progress: 3 folds × 6 epochs, then the refit's 6, numbered out of 24.
    expect(events.map((e) => e.epoch)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.epochs))).toEqual(new Set([24]));
    expect(events.map((e) => e.fold ?? 0)).toEqual([1, 2, 3, 0].flatMap((f) => Array(6).fill(f)));
    expect(events.slice(0, 18).every((e) => e.val_score !== undefined)).toBe(true);

    const again = await train({ ...kfoldIris, folds: 3 });
    expect([again.val_score, again.val_score_std]).toEqual([run.val_score, run.val_score_std]);
  });

  it("with patience stops each fold on its own and refits the folds' rounded mean best epoch", async () => {
    const req = { ...kfoldIris, epochs: 20, learningRate: 0.05, folds: 2, patience: 2 };
    const run = await train(req);
    const refit = run.best_epoch!;
    expect(refit).toBeGreaterThanOrEqual(1);
    expect(refit).toBeLessThanOrEqual(20);
    expect(run.stopped_epoch).toBe(refit);
    expect(run.history).toHaveLength(refit);
    const model = await api.models.get(run.modelId);
    expect(model.params.epochs).toBe(refit);
    // The refit equals a plain run of that many epochs.
    const plain = await train({ ...kfoldIris, epochs: refit, learningRate: 0.05 });
    expect(run.metric_score).toBe(plain.metric_score);
    expect(run.test_loss).toBe(plain.test_loss);
  });
});

it('refuses folds with a validation split at the API, naming the field and value', async () => {
  await expect(api.trainPytorch({ ...kfoldIris, folds: 3, validationSize: 0.2 })).rejects.toMatchObject({
    code: 'VALIDATION',
    message: 'Validation size must be 0 with folds 3 (the folds replace the validation split): 0.2',
  });
  await expect(api.trainTensorflow({ ...kfoldIris, mode: 'mlp', folds: 12 })).rejects.toMatchObject({
    code: 'VALIDATION',
    message: 'Folds out of range (2-10): 12',
  });
});
