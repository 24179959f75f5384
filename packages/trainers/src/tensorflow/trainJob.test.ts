import * as tf from '@tensorflow/tfjs';
import { MlApiError } from '@trainyard/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { maxTensorflowGroupSize } from './fusedGroupSize.js';
import { syntheticData } from './testData.js';
import { initTensorflow } from './tfRuntime.js';
import { runTrainJob } from './trainJob.js';

const params: ModelParams = {
  epochs: 4,
  batchSize: 32,
  learningRate: 0.01,
  hiddenDim: 32,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 7,
};

beforeAll(async () => {
  await initTensorflow('wasm');
});

describe('runTrainJob (in this thread, wasm backend)', () => {
  const clf = syntheticData({ task: 'classification', rows: 400, features: 8, classes: 3 });
  const reg = syntheticData({ task: 'regression', rows: 400, features: 8 });

  it('gives the same losses with the fast gradients as with TF.js stock gradients', async () => {
    const fast = await runTrainJob({ data: clf, params, path: 'fast' });
    const stock = await runTrainJob({ data: clf, params, path: 'stock' });
    expect(fast.history).toHaveLength(4);
    fast.history.forEach((e, i) => {
      expect(e.train_loss).toBeCloseTo(stock.history[i]!.train_loss, 4);
      expect(Math.abs(e.test_loss - stock.history[i]!.test_loss) / stock.history[i]!.test_loss).toBeLessThan(
        1e-4,
      );
    });
    expect(fast.metric_score).toBe(stock.metric_score);
  });

  it('repeats its metrics exactly for the same seed and differs for another seed', async () => {
    const a = await runTrainJob({ data: reg, params });
    const b = await runTrainJob({ data: reg, params });
    const c = await runTrainJob({ data: reg, params: { ...params, seed: 8 } });
    expect(a.metric_name).toBe('r2');
    expect(b.history).toEqual(a.history);
    expect(b.metric_score).toBe(a.metric_score);
    expect(c.metric_score).not.toBe(a.metric_score);
  });

  it('learns: loss falls and accuracy beats chance on a 3-class problem', async () => {
    const r = await runTrainJob({ data: clf, params: { ...params, epochs: 10 } });
    expect(r.history[9]!.train_loss).toBeLessThan(r.history[0]!.train_loss);
    expect(r.metric_score).toBeGreaterThan(0.5);
    expect(r.parameterCount).toBe(8 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3);
  });

  it('trains the linear baseline with no hidden layer', async () => {
    const r = await runTrainJob({ data: clf, params: { ...params, mode: 'linear' } });
    expect(r.parameterCount).toBe(8 * 3 + 3);
  });

  it('trains a run the grouping would fuse as a stack of one: the single loop within float rounding', async () => {
    // 2×32 on 8 features at batch 32 fuses (maxTensorflowGroupSize 16); `path` keeps the single loop.
    expect(maxTensorflowGroupSize(clf, params)).toBeGreaterThan(1);
    const stacked = await runTrainJob({ data: clf, params, returnTestOutputs: true });
    const loop = await runTrainJob({ data: clf, params, path: 'fast', returnTestOutputs: true });
    stacked.history.forEach((e, i) => {
      expect(Math.abs(e.train_loss - loop.history[i]!.train_loss)).toBeLessThan(1e-5);
      expect(Math.abs(e.test_loss - loop.history[i]!.test_loss)).toBeLessThan(1e-5);
    });
    expect(stacked.testOutputs).not.toEqual(loop.testOutputs);
    // Asked once after each epoch it would go on from (a worker acknowledges each ask), as the loop asks.
    for (const path of [undefined, 'fast' as const]) {
      let asks = 0;
      const pruned = await runTrainJob({
        data: clf,
        params,
        ...(path ? { path } : {}),
        stopAsked: () => ++asks === 2,
      });
      expect([asks, pruned.history.length, pruned.pruned]).toEqual([2, 2, true]);
      asks = 0;
      await runTrainJob({ data: clf, params, ...(path ? { path } : {}), stopAsked: () => ++asks < 0 });
      expect(asks).toBe(params.epochs - 1);
    }
  });

  it('fails with a user-safe message naming the epoch when the loss becomes NaN', async () => {
    const err = await runTrainJob({ data: reg, params: { ...params, learningRate: 1e30 } }).catch((e) => e);
    expect(err).toBeInstanceOf(MlApiError);
    expect(err.code).toBe('TRAINING_FAILED');
    expect(err.message).toMatch(
      /^Training diverged \(loss became NaN at epoch \d+\); try a lower learning rate$/,
    );
  });

  it('rejects a bad parameter naming the field and the value', async () => {
    const err = await runTrainJob({ data: clf, params: { ...params, batchSize: 0 } }).catch((e) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'batchSize' });
    expect(err.message).toContain('batchSize: 0');
  });

  it('leaves no tensor behind, whether a run succeeds or fails', async () => {
    const withVal = syntheticData(
      { task: 'classification', rows: 400, features: 8, classes: 3 },
      { validationSize: 0.2 },
    );
    await runTrainJob({ data: clf, params });
    const before = tf.memory().numTensors;
    await runTrainJob({ data: clf, params });
    // Early stopping keeps weight copies, checkpoints keep snapshots: all of them are freed too.
    await runTrainJob({
      data: withVal,
      params: { ...params, epochs: 12 },
      earlyStopping: { patience: 2, minDelta: 0.05 },
      checkpoints: [
        { epochs: 3, modelDir: '' },
        { epochs: 9, modelDir: '' },
      ],
    });
    await runTrainJob({ data: reg, params: { ...params, learningRate: 1e30 } }).catch(() => undefined);
    await runTrainJob({ data: reg, params: { ...params, learningRate: 1e30 }, path: 'fast' }).catch(
      () => undefined,
    );
    await runTrainJob({ data: clf, params, path: 'fast' });
    await runTrainJob({ data: clf, params });
    expect(tf.memory().numTensors).toBe(before);
  });
});
