import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineTrainResult, ModelParams, PreparedData } from '../engine.js';
import { runGroupJob, type TfGroupOutcome } from './groupJob.js';
import { loadLayersModelFromDir } from './modelFiles.js';
import { builtinData } from './testData.js';
import { initTensorflow } from './tfRuntime.js';
import { runTrainJob } from './trainJob.js';

const base: ModelParams = {
  epochs: 6,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0,
  seed: 3,
};
const TOL = 1e-5;

let root: string;
let iris: PreparedData;
let irisVal: PreparedData;
let dirs = 0;
const dir = () => {
  const d = join(root, `m${++dirs}`);
  mkdirSync(d);
  return d;
};

beforeAll(async () => {
  await initTensorflow('wasm');
  root = await mkdtemp(join(tmpdir(), 'trainyard-group-'));
  iris = await builtinData('iris');
  irisVal = await builtinData('iris', { validationSize: 0.2 });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const okResult = (o: TfGroupOutcome | undefined): EngineTrainResult => {
  if (!o?.ok) throw new Error(`member failed: ${JSON.stringify(o)}`);
  return o.result;
};

/** Every figure of two results (and their checkpoints) within TOL, and the same shape. */
function expectSameRun(fused: EngineTrainResult, alone: EngineTrainResult) {
  expect(fused.history.length).toBe(alone.history.length);
  fused.history.forEach((e, i) => {
    const a = alone.history[i]!;
    expect(e.epoch).toBe(a.epoch);
    expect(e.epochs).toBe(a.epochs);
    expect(Math.abs(e.train_loss - a.train_loss)).toBeLessThan(TOL);
    expect(Math.abs(e.test_loss - a.test_loss)).toBeLessThan(TOL);
    if (a.val_loss !== undefined) expect(Math.abs(e.val_loss! - a.val_loss)).toBeLessThan(TOL);
    expect(e.val_score).toBe(a.val_score);
  });
  expect(Math.abs(fused.metric_score - alone.metric_score)).toBeLessThan(TOL);
  for (const key of ['best_epoch', 'stopped_epoch', 'parameterCount', 'metric_name', 'pruned'] as const)
    expect(fused[key]).toBe(alone[key]);
  expect(fused.files).toEqual(alone.files);
  const a = alone.testOutputs!;
  const f = fused.testOutputs!;
  expect(f.length).toBe(a.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(f[i]! - a[i]!)).toBeLessThan(TOL);
  expect(fused.checkpoints?.length).toBe(alone.checkpoints?.length);
  fused.checkpoints?.forEach((c, i) => {
    expectSameRun(c, alone.checkpoints![i]!);
  });
}

/** The saved model's outputs on the test rows (tf.loadLayersModel through our directory loader). */
async function savedOutputs(modelDir: string, data: PreparedData): Promise<Float32Array> {
  const model = await loadLayersModelFromDir(modelDir);
  try {
    return tf.tidy(
      () =>
        (
          model.predict(tf.tensor2d(data.xTest, [data.nTest, data.nFeatures])) as tf.Tensor
        ).dataSync() as Float32Array,
    );
  } finally {
    model.dispose();
  }
}

describe('runGroupJob (fused group, in this thread, wasm backend)', () => {
  it('trains every member as its separate run: different learning rates, dropouts and hidden dims', async () => {
    const members = [
      { ...base, learningRate: 0.02, hiddenDim: 8 },
      { ...base, learningRate: 0.005, hiddenDim: 24, dropout: 0.2 },
      { ...base, learningRate: 0.01, hiddenDim: 16, dropout: 0.1, epochs: 4 },
    ].map((params) => ({ params, modelDir: dir() }));
    const outcomes = await runGroupJob({ data: iris, members, returnTestOutputs: true });
    for (const [i, m] of members.entries()) {
      const fused = okResult(outcomes[i]);
      const alone = await runTrainJob({
        data: iris,
        params: m.params,
        modelDir: dir(),
        returnTestOutputs: true,
      });
      expectSameRun(fused, alone);
      const saved = await savedOutputs(m.modelDir, iris);
      const aloneSaved = await savedOutputs(join(root, `m${dirs}`), iris);
      for (let k = 0; k < saved.length; k++) expect(Math.abs(saved[k]! - aloneSaved[k]!)).toBeLessThan(TOL);
    }
  });

  it('over 50 epochs at lr 0.05 too, every member bit for bit its separate run (a stack of one)', async () => {
    // Mixed widths padded to 64, learning rates up to 0.05, dropout: the long, fast runs where the
    // former single loop (2-D matMul) drifted from the stack (up to 0.046 in loss on iris 2×64).
    const long = { ...base, epochs: 50 };
    const params = [
      { ...long, learningRate: 0.05, hiddenDim: 64, dropout: 0.1 },
      { ...long, learningRate: 0.05, hiddenDim: 16, dropout: 0.1 },
      { ...long, learningRate: 0.01, hiddenDim: 40 },
      { ...long, learningRate: 0.05, hiddenDim: 8, dropout: 0.2 },
      { ...long, learningRate: 0.002, hiddenDim: 64, dropout: 0.1 },
    ];
    const members = params.map((p, i) => ({
      params: p,
      modelDir: dir(),
      ...(i === 0 ? { checkpoints: [{ epochs: 20, modelDir: dir() }] } : {}),
    }));
    const outcomes = await runGroupJob({ data: irisVal, members, returnTestOutputs: true });
    for (const [i, m] of members.entries()) {
      const modelDir = dir();
      const alone = await runTrainJob({
        data: irisVal,
        params: m.params,
        modelDir,
        returnTestOutputs: true,
        ...(m.checkpoints ? { checkpoints: [{ epochs: 20, modelDir: dir() }] } : {}),
      });
      const timeless = (r: EngineTrainResult) => ({
        ...r,
        durationMs: 0,
        checkpoints: r.checkpoints?.map((c) => ({ ...c, durationMs: 0 })),
      });
      expect(timeless(okResult(outcomes[i]))).toEqual(timeless(alone));
      expect(await savedOutputs(m.modelDir, irisVal)).toEqual(await savedOutputs(modelDir, irisVal));
    }
  });

  it('answers a group of one exactly as a separate run', async () => {
    const params = { ...base, dropout: 0.1 };
    const [only] = await runGroupJob({
      data: iris,
      members: [{ params, modelDir: dir() }],
      returnTestOutputs: true,
    });
    const alone = await runTrainJob({ data: iris, params, modelDir: dir(), returnTestOutputs: true });
    expect({ ...okResult(only), durationMs: 0 }).toEqual({ ...alone, durationMs: 0 });
  });

  it('fails a diverging member alone; the others still match their separate runs', async () => {
    const members = [
      { params: { ...base, learningRate: 1e30 }, modelDir: dir() },
      { params: { ...base, hiddenDim: 12, dropout: 0.3 }, modelDir: dir() },
    ];
    const [diverged, fine] = await runGroupJob({ data: iris, members, returnTestOutputs: true });
    expect(diverged).toMatchObject({ ok: false, error: { code: 'TRAINING_FAILED' } });
    if (diverged?.ok === false) expect(diverged.error.message).toMatch(/diverged .*epoch 1/);
    const alone = await runTrainJob({ data: iris, params: members[1]!.params, returnTestOutputs: true });
    expectSameRun(okResult(fine), { ...alone, files: okResult(fine).files });
  });

  it('prunes or cancels one member without disturbing the others', async () => {
    const params = [base, { ...base, learningRate: 0.03 }, { ...base, hiddenDim: 20 }];
    const members = params.map((p) => ({ params: p, modelDir: dir() }));
    const seen = [0, 0, 0];
    const outcomes = await runGroupJob({
      data: iris,
      members,
      returnTestOutputs: true,
      onEpoch: (k) => {
        seen[k]!++;
      },
      stopAsked: (k) =>
        k === 1 && seen[1]! >= 2 ? 'prune' : k === 2 && seen[2]! >= 3 ? 'cancel' : undefined,
    });
    expect(outcomes[2]).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const pruned = okResult(outcomes[1]);
    expect(pruned.pruned).toBe(true);
    expect(pruned.history).toHaveLength(2);
    let epochs = 0;
    const alonePruned = await runTrainJob({
      data: iris,
      params: params[1]!,
      modelDir: dir(),
      returnTestOutputs: true,
      onEpoch: () => {
        epochs++;
      },
      stopAsked: () => epochs >= 2,
    });
    expectSameRun(pruned, alonePruned);
    const alone = await runTrainJob({ data: iris, params: base, modelDir: dir(), returnTestOutputs: true });
    expectSameRun(okResult(outcomes[0]), alone);
  });

  it("takes each member's checkpoints and stops each early on its own, as separate runs do", async () => {
    const earlyStopping = { patience: 2, minDelta: 0.01 };
    const params = [
      { ...base, epochs: 14, learningRate: 0.05, hiddenDim: 8 },
      { ...base, epochs: 14, learningRate: 0.002, dropout: 0.2 },
    ];
    const ckpts = () => [
      { epochs: 3, modelDir: dir() },
      { epochs: 9, modelDir: dir() },
    ];
    const members = params.map((p) => ({ params: p, modelDir: dir(), checkpoints: ckpts() }));
    const outcomes = await runGroupJob({ data: irisVal, members, earlyStopping, returnTestOutputs: true });
    for (const [i, p] of params.entries()) {
      const alone = await runTrainJob({
        data: irisVal,
        params: p,
        modelDir: dir(),
        checkpoints: ckpts(),
        earlyStopping,
        returnTestOutputs: true,
      });
      expectSameRun(okResult(outcomes[i]), alone);
    }
    // The fast learner stops early, the slow one does not: both paths agree (checked above).
    expect(okResult(outcomes[0]).stopped_epoch).toBeLessThan(14);
  });

  it('fuses linear members too', async () => {
    const linear = { ...base, mode: 'linear' as const };
    const params = [linear, { ...linear, learningRate: 0.05 }];
    const outcomes = await runGroupJob({
      data: iris,
      members: params.map((p) => ({ params: p, modelDir: dir() })),
      returnTestOutputs: true,
    });
    for (const [i, p] of params.entries()) {
      const alone = await runTrainJob({ data: iris, params: p, modelDir: dir(), returnTestOutputs: true });
      expectSameRun(okResult(outcomes[i]), alone);
    }
  });

  it('keeps the live tensor count flat from epoch to epoch and leaves none behind', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await runGroupJob({
      data: irisVal,
      members: [base, { ...base, hiddenDim: 8, dropout: 0.2 }].map((p) => ({ params: p, modelDir: dir() })),
      earlyStopping: { patience: 50, minDelta: 0 },
      onEpoch: (k) => {
        if (k === 0) counts.push(tf.memory().numTensors);
      },
    });
    expect(counts).toHaveLength(base.epochs);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses members that cannot fuse, naming the field (the engine guard, checkGroupJob)', async () => {
    const members = [base, { ...base, seed: 4 }].map((p) => ({ params: p, modelDir: dir() }));
    await expect(runGroupJob({ data: iris, members })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'seed',
      message: 'Invalid seed: 4 (every member of a fused group the same: 3)',
    });
    const batch = [base, { ...base, batchSize: 8 }].map((p) => ({ params: p, modelDir: dir() }));
    await expect(runGroupJob({ data: iris, members: batch })).rejects.toMatchObject({ field: 'batchSize' });
    const bad = [base, { ...base, learningRate: -1 }].map((p) => ({ params: p, modelDir: dir() }));
    await expect(runGroupJob({ data: iris, members: bad })).rejects.toMatchObject({ field: 'learningRate' });
  });
});
