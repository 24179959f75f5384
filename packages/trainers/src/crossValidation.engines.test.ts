// k-fold cross-validation through createLocalMlApi with both real engines (python + torch; TF.js in a
// worker thread, from the built dist/) on iris: few epochs, so it runs in seconds.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochEvent, TrainRequest, TrainResponse } from '@trainyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalMlApi } from './localMlApi.js';
import { createPytorchEngine } from './pytorch/index.js';
import { createTensorflowEngine } from './tensorflow/index.js';

const home = mkdtempSync(join(tmpdir(), 'trainyard-kfold-'));
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

const iris: TrainRequest = {
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
      { ...iris, folds: 3 },
      { onEpoch: (e: EpochEvent) => events.push(e) },
    );
    // One new model folder, no scratch folder of a fold left behind.
    expect(modelFolders().filter((f) => !before.includes(f))).toEqual([run.modelId]);

    // The refit is a plain run of the same combination on the two-way split: same test figures.
    const plain = await train(iris);
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

    const again = await train({ ...iris, folds: 3 });
    expect([again.val_score, again.val_score_std]).toEqual([run.val_score, run.val_score_std]);
  });

  it("with patience stops each fold on its own and refits the folds' rounded mean best epoch", async () => {
    const req = { ...iris, epochs: 20, learningRate: 0.05, folds: 2, patience: 2 };
    const run = await train(req);
    const refit = run.best_epoch!;
    expect(refit).toBeGreaterThanOrEqual(1);
    expect(refit).toBeLessThanOrEqual(20);
    expect(run.stopped_epoch).toBe(refit);
    expect(run.history).toHaveLength(refit);
    const model = await api.models.get(run.modelId);
    expect(model.params.epochs).toBe(refit);
    // The refit equals a plain run of that many epochs.
    const plain = await train({ ...iris, epochs: refit, learningRate: 0.05 });
    expect(run.metric_score).toBe(plain.metric_score);
    expect(run.test_loss).toBe(plain.test_loss);
  });
});

it('refuses folds with a validation split at the API, naming the field and value', async () => {
  await expect(api.trainPytorch({ ...iris, folds: 3, validationSize: 0.2 })).rejects.toMatchObject({
    code: 'VALIDATION',
    message: 'Validation size must be 0 with folds 3 (the folds replace the validation split): 0.2',
  });
  await expect(api.trainTensorflow({ ...iris, mode: 'mlp', folds: 12 })).rejects.toMatchObject({
    code: 'VALIDATION',
    message: 'Folds out of range (2-10): 12',
  });
});
