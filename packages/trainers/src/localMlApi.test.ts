import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DistillRequest, MlApiError, type TrainRequest } from '@trainyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Engine,
  EngineDistillJob,
  EngineGroupJob,
  EngineGroupOutcome,
  EngineTrainJob,
} from './engine.js';
import { createLocalMlApi } from './localMlApi.js';

// A fake engine is fine here: these tests pin the glue (validation, data, model store, error
// mapping), not learning. localMlApi.engines.test.ts trains for real.
function fakeEngine(framework: 'pytorch' | 'tensorflow', behaviour: { fail?: unknown } = {}) {
  const trainJobs: EngineTrainJob[] = [];
  const distillJobs: EngineDistillJob[] = [];
  const groupJobs: EngineGroupJob[] = [];
  const engine: Engine = {
    framework,
    status: async () => ({ available: true, message: 'fake' }),
    async train(job) {
      trainJobs.push(job);
      writeFileSync(join(job.modelDir, 'model.bin'), 'weights');
      if (behaviour.fail) throw behaviour.fail;
      job.onEpoch?.({ epoch: 1, epochs: 1, train_loss: 0.5, test_loss: 0.6 });
      const result = (epochs: number) => ({
        metric_name: 'accuracy' as const,
        metric_score: 0.9,
        train_loss: 0.5,
        test_loss: 0.6,
        ...(job.data.nVal > 0 ? { val_score: 0.8, val_loss: 0.7 } : {}),
        best_epoch: epochs,
        stopped_epoch: epochs,
        history: [{ epoch: 1, epochs: 1, train_loss: 0.5, test_loss: 0.6 }],
        parameterCount: 1000,
        durationMs: 5,
        files: ['model.bin'],
      });
      if (!job.checkpoints) return result(1);
      for (const c of job.checkpoints) writeFileSync(join(c.modelDir, 'model.bin'), `weights at ${c.epochs}`);
      return { ...result(job.params.epochs), checkpoints: job.checkpoints.map((c) => result(c.epochs)) };
    },
    // Each member as a separate train; a member with learning rate 0.5 diverges alone.
    async trainGroup(job) {
      groupJobs.push(job);
      const outcomes: EngineGroupOutcome[] = [];
      for (const { params, modelDir, checkpoints, onEpoch, signal } of job.members) {
        if (params.learningRate === 0.5) {
          outcomes.push({
            ok: false,
            error: new MlApiError('TRAINING_FAILED', 'Loss became NaN at epoch 1'),
          });
          continue;
        }
        const result = await engine.train({
          data: job.data,
          params,
          modelDir,
          ...(checkpoints ? { checkpoints } : {}),
          ...(onEpoch ? { onEpoch } : {}),
          ...(signal ? { signal } : {}),
        });
        outcomes.push({ ok: true, result });
      }
      return outcomes;
    },
    async distill(job) {
      distillJobs.push(job);
      writeFileSync(join(job.modelDir, 'student.bin'), 'weights');
      if (behaviour.fail) throw behaviour.fail;
      return {
        metric_name: 'accuracy',
        teacher_score: 0.9,
        student_score: 0.88,
        teacher_parameters: 1000,
        student_parameters: 250,
        agreement: 0.95,
        train_loss: 0.4,
        test_loss: 0.45,
        history: [],
        durationMs: 3,
        files: ['student.bin'],
      };
    },
    close: async () => {},
  };
  return { engine, trainJobs, distillJobs, groupJobs };
}

const trainReq: TrainRequest = {
  datasetId: 'iris',
  epochs: 3,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 16,
  numHiddenLayers: 1,
  dropout: 0,
};

const distillReq = (teacherModelId: string): DistillRequest => ({
  teacherModelId,
  hiddenDim: 8,
  numHiddenLayers: 1,
  temperature: 4,
  alpha: 0.7,
  epochs: 2,
  batchSize: 16,
  learningRate: 0.01,
});

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-api-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<MlApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof MlApiError) return err;
  throw new Error(`expected an MlApiError, got ${String(err)}`);
}

function setup(behaviour: { fail?: unknown } = {}) {
  const pytorch = fakeEngine('pytorch', behaviour);
  const tensorflow = fakeEngine('tensorflow', behaviour);
  const api = createLocalMlApi({ home, engines: { pytorch: pytorch.engine, tensorflow: tensorflow.engine } });
  return { api, pytorch, tensorflow };
}

describe('createLocalMlApi', () => {
  it('serves the manifest and rows pages from the registry', async () => {
    const { api } = setup();
    expect((await api.getDatasetManifest()).map((d) => d.id)).toContain('breast_cancer');
    expect(await api.getDatasetRows('iris', { offset: 149, limit: 5 })).toMatchObject({
      total: 150,
      offset: 149,
    });
  });

  it('resolves home to an absolute path, from TRAINYARD_HOME by default', () => {
    const before = process.env.TRAINYARD_HOME;
    process.env.TRAINYARD_HOME = join(home, 'env-home');
    try {
      expect(createLocalMlApi().home).toBe(join(home, 'env-home'));
    } finally {
      if (before === undefined) delete process.env.TRAINYARD_HOME;
      else process.env.TRAINYARD_HOME = before;
    }
  });

  it('trains with prepared data, seed 42 by default, and commits the model with metadata', async () => {
    const { api, pytorch } = setup();
    const epochs: number[] = [];
    const res = await api.trainPytorch(trainReq, { onEpoch: (e) => epochs.push(e.epoch) });
    const job = pytorch.trainJobs[0]!;
    expect(job.params).toEqual({
      epochs: 3,
      batchSize: 16,
      learningRate: 0.01,
      hiddenDim: 16,
      numHiddenLayers: 1,
      dropout: 0,
      seed: 42,
    });
    expect(job.data).toMatchObject({ nTrain: 120, nTest: 30, nFeatures: 4, nClasses: 3 });
    expect(epochs).toEqual([1]);
    expect(res).toMatchObject({
      framework: 'pytorch',
      datasetId: 'iris',
      metric_name: 'accuracy',
      metric_score: 0.9,
      parameterCount: 1000,
    });
    expect(res.modelPath).toBe(join(home, 'models', res.modelId));
    expect(readdirSync(res.modelPath).sort()).toEqual(['metadata.json', 'model.bin']);
    const meta = await api.models.get(res.modelId);
    expect(meta).toMatchObject({
      kind: 'trained',
      framework: 'pytorch',
      task: 'classification',
      files: ['model.bin'],
    });
    expect(meta.preprocessing).toMatchObject({
      testSize: 0.2,
      seed: 42,
      labels: ['setosa', 'versicolor', 'virginica'],
    });
  });

  it('hands both engines the very same arrays for the same dataset, testSize and seed', async () => {
    const { api, pytorch, tensorflow } = setup();
    await api.trainPytorch({ ...trainReq, seed: 7 });
    await api.trainTensorflow({ ...trainReq, seed: 7, mode: 'linear' });
    expect(tensorflow.trainJobs[0]!.data).toBe(pytorch.trainJobs[0]!.data);
    expect(tensorflow.trainJobs[0]!.params.mode).toBe('linear');
  });

  it('carves a validation split, asks for early stopping and returns the selection fields', async () => {
    const { api, pytorch } = setup();
    const plain = await api.trainPytorch(trainReq);
    expect(pytorch.trainJobs[0]!.earlyStopping).toBeUndefined();
    expect(plain).toMatchObject({ best_epoch: 1, stopped_epoch: 1, pruned: false });
    expect(plain).not.toHaveProperty('val_score');

    const res = await api.trainPytorch({ ...trainReq, validationSize: 0.25, patience: 4 });
    const job = pytorch.trainJobs[1]!;
    // 150 iris rows: 30 test, then ceil(120 · 0.25) = 30 of the other 120 for validation.
    expect(job.data).toMatchObject({ nTrain: 90, nVal: 30, nTest: 30 });
    expect(job.data.yTest).toEqual(pytorch.trainJobs[0]!.data.yTest);
    expect(job.earlyStopping).toEqual({ patience: 4, minDelta: 0 });
    expect(res).toMatchObject({
      val_score: 0.8,
      val_loss: 0.7,
      best_epoch: 1,
      stopped_epoch: 1,
      pruned: false,
    });
    expect((await api.models.get(res.modelId)).preprocessing.validationSize).toBe(0.25);
  });

  it('commits one model per epoch checkpoint, each with its own epochs', async () => {
    const { api, pytorch } = setup();
    const res = await api.trainPytorch({ ...trainReq, epochs: 5, epochCheckpoints: [2, 4] });
    expect(pytorch.trainJobs[0]!.checkpoints?.map((c) => c.epochs)).toEqual([2, 4]);
    expect(res.best_epoch).toBe(5);
    expect(res.checkpoints?.map((c) => c.best_epoch)).toEqual([2, 4]);
    const ids = [res.modelId, ...res.checkpoints!.map((c) => c.modelId)];
    expect(new Set(ids).size).toBe(3);
    const metas = await Promise.all(ids.map((id) => api.models.get(id)));
    expect(metas.map((m) => m.params.epochs)).toEqual([5, 2, 4]);
    expect(readFileSync(join(res.checkpoints![0]!.modelPath, 'model.bin'), 'utf8')).toBe('weights at 2');
  });

  it('trains a fused group as one engine job: one data set, a model per member and checkpoint, failures per member', async () => {
    const { api, pytorch } = setup();
    const stopped = new AbortController();
    const outcomes = await api.trainPytorchGroup!(
      [
        { ...trainReq, epochs: 5, epochCheckpoints: [2] },
        { ...trainReq, learningRate: 0.5 },
        { ...trainReq, hiddenDim: 8 },
      ],
      [{ checkpoints: [{ signal: stopped.signal }] }, {}, { signal: stopped.signal }],
    );
    const job = pytorch.groupJobs[0]!;
    expect(pytorch.groupJobs).toHaveLength(1);
    // fusedGroups orders a group by its stacks (PyTorch stacks each width on its own): compare by member.
    const member = (learningRate: number, hiddenDim: number) =>
      job.members.find((m) => m.params.learningRate === learningRate && m.params.hiddenDim === hiddenDim);
    expect(job.members).toHaveLength(3);
    expect(member(0.01, 16)?.checkpoints?.map((c) => c.epochs)).toEqual([2]);
    expect(member(0.5, 16)?.checkpoints).toBeUndefined();
    // The first request's training goes on while its own signal has not fired; the third's is the caller's.
    expect(member(0.01, 16)?.signal).toBeUndefined();
    expect(member(0.01, 8)?.signal).toBe(stopped.signal);
    expect(job.signal).toBeUndefined();
    const [first, second, third] = outcomes;
    if (!first || !('response' in first) || !third || !('response' in third))
      throw new Error('expected responses');
    expect(second).toEqual({ error: 'Loss became NaN at epoch 1', code: 'TRAINING_FAILED' });
    expect(first.response.checkpoints?.map((c) => c.best_epoch)).toEqual([2]);
    const ids = [first.response.modelId, first.response.checkpoints![0]!.modelId, third.response.modelId];
    const metas = await Promise.all(ids.map((id) => api.models.get(id)));
    expect(metas.map((m) => [m.params.epochs, m.params.hiddenDim])).toEqual([
      [5, 16],
      [2, 16],
      [3, 8],
    ]);
    // Three committed models, the failed member's directory removed.
    expect((await api.models.list()).length).toBe(3);
  });

  it("splits a group by the engine's measured size: compute-bound members train one at a time", async () => {
    const { api, pytorch } = setup();
    const big = { ...trainReq, hiddenDim: 500, numHiddenLayers: 2, batchSize: 200 };
    const outcomes = await api.trainPytorchGroup!([big, { ...big, learningRate: 0.02 }], [{}, {}]);
    expect(pytorch.groupJobs.map((j) => j.members.map((m) => m.params.learningRate))).toEqual([
      [0.01],
      [0.02],
    ]);
    expect(outcomes.every((o) => 'response' in o)).toBe(true);
  });

  it('gives TF.js one group of any hidden widths (padded), a compute-bound member alone', async () => {
    const { api, tensorflow } = setup();
    const reqs = [16, 8, 500, 16, 8].map((hiddenDim, i) => ({
      ...trainReq,
      hiddenDim,
      numHiddenLayers: 2,
      learningRate: 0.01 * (i + 1),
      mode: 'mlp' as const,
    }));
    const outcomes = await api.trainTensorflowGroup!(
      reqs,
      reqs.map(() => ({})),
    );
    expect(tensorflow.groupJobs.map((j) => j.members.map((m) => m.params.hiddenDim))).toEqual([
      [8, 8, 16, 16],
      [500],
    ]);
    expect(outcomes.every((o) => 'response' in o)).toBe(true);
  });

  it('refuses a group whose requests do not share the data split, naming the field, before training', async () => {
    const { api, pytorch } = setup();
    const err = await rejection(api.trainPytorchGroup!([trainReq, { ...trainReq, testSize: 0.3 }], [{}, {}]));
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe('testSize');
    expect(err.message).toBe(
      'Invalid testSize: 0.3 (the same in every request of a fused group: request 1 has 0.2, request 2 differs)',
    );
    expect(pytorch.groupJobs).toHaveLength(0);
    expect(await api.trainTensorflowGroup!([], [])).toEqual([]);
  });

  it('refuses early stopping without a validation split, before training', async () => {
    const { api, pytorch } = setup();
    const err = await rejection(api.trainPytorch({ ...trainReq, patience: 3 }));
    expect(err).toMatchObject({
      code: 'VALIDATION',
      field: 'patience',
      message: 'Patience needs a validation split (validationSize above 0) or folds: 3',
    });
    expect(pytorch.trainJobs).toHaveLength(0);
  });

  it('distils a teacher trained with a validation split on exactly its arrays', async () => {
    const { api, pytorch } = setup();
    const teacher = await api.trainPytorch({ ...trainReq, validationSize: 0.2 });
    await api.distillPytorch(distillReq(teacher.modelId));
    expect(pytorch.distillJobs[0]!.data).toBe(pytorch.trainJobs[0]!.data);
  });

  it('rejects a bad request with the validator message and field before training', async () => {
    const { api, pytorch } = setup();
    const err = await rejection(api.trainPytorch({ ...trainReq, epochs: 0 }));
    expect(err).toMatchObject({
      code: 'VALIDATION',
      field: 'epochs',
      message: 'Epoch out of range (1-500): 0',
    });
    expect((await rejection(api.trainPytorch({ ...trainReq, datasetId: 'nope' }))).code).toBe('NOT_FOUND');
    expect(pytorch.trainJobs).toHaveLength(0);
  });

  it('removes the temporary model directory when the engine fails, keeping its error code', async () => {
    const { api } = setup({
      fail: new MlApiError('TRAINING_FAILED', 'Training diverged: the loss became NaN'),
    });
    const err = await rejection(api.trainPytorch(trainReq));
    expect(err).toMatchObject({ code: 'TRAINING_FAILED', message: 'Training diverged: the loss became NaN' });
    expect(readdirSync(join(home, 'models'))).toEqual([]);
  });

  it('turns an unexpected engine error into a user-safe TRAINING_FAILED', async () => {
    const { api } = setup({ fail: new TypeError('cannot read x of undefined at /srv/secret/path.js') });
    const err = await rejection(api.trainTensorflow({ ...trainReq, mode: 'mlp' }));
    expect(err).toMatchObject({
      code: 'TRAINING_FAILED',
      message: 'TensorFlow training failed unexpectedly',
    });
    expect(err.cause).toBeInstanceOf(TypeError);
    expect(readdirSync(join(home, 'models'))).toEqual([]);
  });

  it('does not start a run whose signal is already aborted', async () => {
    const { api, pytorch } = setup();
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(api.trainPytorch(trainReq, { signal: controller.signal }))).code).toBe(
      'CANCELLED',
    );
    expect(pytorch.trainJobs).toHaveLength(0);
  });

  it('passes the signal through to the engine', async () => {
    const { api, pytorch } = setup();
    const controller = new AbortController();
    await api.trainPytorch(trainReq, { signal: controller.signal });
    expect(pytorch.trainJobs[0]!.signal).toBe(controller.signal);
  });
});

describe('distillation through createLocalMlApi', () => {
  it('distils on the teacher split and stores the student with its teacher', async () => {
    const { api, pytorch } = setup();
    const teacher = await api.trainPytorch({ ...trainReq, testSize: 0.3, seed: 5 });
    const res = await api.distillPytorch({ ...distillReq(teacher.modelId), datasetId: 'iris' });
    const job = pytorch.distillJobs[0]!;
    expect(job.data).toBe(pytorch.trainJobs[0]!.data);
    expect(job.teacherDir).toBe(teacher.modelPath);
    expect(job.student).toEqual({
      epochs: 2,
      batchSize: 16,
      learningRate: 0.01,
      hiddenDim: 8,
      numHiddenLayers: 1,
      dropout: 0,
      seed: 42,
    });
    expect(job).toMatchObject({ temperature: 4, alpha: 0.7, compareScratch: false });
    expect(res.metrics).toMatchObject({
      compression_ratio: 4,
      teacher_score: 0.9,
      student_score: 0.88,
      temperature: 4,
      alpha: 0.7,
    });
    expect(res.student).toEqual({
      epochs: 2,
      batchSize: 16,
      learningRate: 0.01,
      hiddenDim: 8,
      numHiddenLayers: 1,
      dropout: 0,
      testSize: 0.3,
    });
    expect(await api.models.get(res.modelId)).toMatchObject({
      kind: 'distilled',
      teacherModelId: teacher.modelId,
      parameterCount: 250,
    });
  });

  it('answers NOT_FOUND for a missing teacher', async () => {
    const { api } = setup();
    const err = await rejection(api.distillPytorch(distillReq('m_aaaaaaaaaaaaaaaa')));
    expect(err).toMatchObject({
      code: 'NOT_FOUND',
      field: 'teacherModelId',
      message: 'Model not found: m_aaaaaaaaaaaaaaaa',
    });
  });

  it('refuses a teacher of the other framework and one of another dataset', async () => {
    const { api, tensorflow } = setup();
    const teacher = await api.trainPytorch(trainReq);
    const wrongFramework = await rejection(api.distillTensorflow(distillReq(teacher.modelId)));
    expect(wrongFramework).toMatchObject({ code: 'VALIDATION', field: 'teacherModelId' });
    expect(wrongFramework.message).toMatch(new RegExp(`^Teacher ${teacher.modelId} is a PyTorch model`));
    const wrongData = await rejection(
      api.distillPytorch({ ...distillReq(teacher.modelId), datasetId: 'wine' }),
    );
    expect(wrongData).toMatchObject({ code: 'VALIDATION', field: 'datasetId' });
    expect(wrongData.message).toBe(`Teacher ${teacher.modelId} was trained on iris, not on wine`);
    expect(tensorflow.distillJobs).toHaveLength(0);
  });

  it('validates the distill request with the shared schema', async () => {
    const { api } = setup();
    expect((await rejection(api.distillPytorch({ ...distillReq('../etc'), alpha: 0.5 }))).field).toBe(
      'teacherModelId',
    );
  });

  it('leaves no student behind when distillation fails', async () => {
    const { api, pytorch } = setup();
    const teacher = await api.trainPytorch(trainReq);
    pytorch.engine.distill = async (job) => {
      writeFileSync(join(job.modelDir, 'partial'), 'x');
      throw new MlApiError('CANCELLED', 'Cancelled');
    };
    expect((await rejection(api.distillPytorch(distillReq(teacher.modelId)))).code).toBe('CANCELLED');
    expect(readdirSync(join(home, 'models'))).toEqual([teacher.modelId]);
  });

  it('reports both engines, closes them and keeps using injected ones afterwards', async () => {
    const { api, pytorch } = setup();
    let closed = 0;
    pytorch.engine.close = async () => {
      closed++;
    };
    expect(await api.status()).toEqual({
      pytorch: { available: true, message: 'fake' },
      tensorflow: { available: true, message: 'fake' },
    });
    await api.close();
    expect(closed).toBe(1);
    await api.trainPytorch(trainReq);
    expect(pytorch.trainJobs).toHaveLength(1);
  });
});
