// Runs the real engine: worker threads from dist/ (build first: npx tsc -b packages/trainers).
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EpochEvent } from '@trainyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { createTensorflowEngine, type TensorflowEngine } from './tensorflowEngine.js';
import { syntheticData } from './testData.js';
import { tfWorkerUrl } from './workerEntry.js';

const params: ModelParams = {
  epochs: 3,
  batchSize: 32,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 11,
};
const data = syntheticData({ task: 'classification', rows: 300, features: 6, classes: 3 });

let root: string;
let dirs = 0;
const freshDir = async (name = 'model') => {
  const dir = join(root, `${name}-${++dirs}`);
  await mkdir(dir);
  return dir;
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tf-engine-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('TensorFlow engine (one warm worker)', () => {
  let engine: TensorflowEngine;
  beforeAll(() => {
    engine = createTensorflowEngine({ slots: 1, log: () => {} });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reports itself available on the wasm backend with SIMD', async () => {
    const status = await engine.status();
    expect(status).toMatchObject({ available: true, details: { backend: 'wasm', simd: true, slots: 1 } });
    expect(status.message).toMatch(
      /^TensorFlow\.js 4\.22\.\d+ on the wasm backend with SIMD, 1 worker thread\(s\)$/,
    );
  });

  it('trains in the worker, streams epochs, saves the model, and repeats itself exactly in the warm worker', async () => {
    const events: EpochEvent[] = [];
    const modelDir = await freshDir();
    const first = await engine.train({ data, params, modelDir, onEpoch: (e) => events.push(e) });
    expect(events.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(events[2]).toMatchObject({ epochs: 3, train_loss: first.train_loss, test_loss: first.test_loss });
    expect(first.history).toEqual(events);
    expect(first).toMatchObject({
      metric_name: 'accuracy',
      files: ['model.json', 'weights.bin', 'raw_model.json', 'raw_weights.bin', 'model.onnx'],
    });
    expect(first.metric_score).toBeGreaterThan(0.4);
    expect((await readdir(modelDir)).sort()).toEqual([
      'model.json',
      'model.onnx',
      'raw_model.json',
      'raw_weights.bin',
      'weights.bin',
    ]);
    expect(first.testOutputs).toBeUndefined();
    const tensorsAfterFirst = engine.liveTensors()[0];

    const second = await engine.train({ data, params, modelDir: await freshDir() });
    expect(second.history).toEqual(first.history);
    expect(second.metric_score).toBe(first.metric_score);
    expect(engine.workerStarts()).toBe(1);
    expect(engine.liveTensors()[0]).toBe(tensorsAfterFirst);
  });

  it('leaves the caller’s arrays intact (it transfers copies)', () => {
    expect(data.xTrain.length).toBe(data.nTrain * data.nFeatures);
    expect(data.yTest.length).toBe(data.nTest);
  });

  it('queues a second run until the slot is free and finishes both', async () => {
    const [a, b] = await Promise.all([
      engine.train({ data, params, modelDir: await freshDir() }),
      engine.train({ data, params: { ...params, seed: 12 }, modelDir: await freshDir() }),
    ]);
    expect(a.history).toHaveLength(3);
    expect(b.history).toHaveLength(3);
    expect(engine.workerStarts()).toBe(1);
  });

  it('cancels a running job by stopping its worker, and the next run gets a fresh one', async () => {
    const controller = new AbortController();
    const startsBefore = engine.workerStarts();
    const long = engine.train({
      data,
      params: { ...params, epochs: 400 },
      modelDir: await freshDir(),
      signal: controller.signal,
      onEpoch: (e) => {
        if (e.epoch === 2) controller.abort();
      },
    });
    await expect(long).rejects.toMatchObject({ code: 'CANCELLED', message: 'Training cancelled' });
    const next = await engine.train({ data, params, modelDir: await freshDir() });
    expect(next.history).toHaveLength(3);
    expect(engine.workerStarts()).toBe(startsBefore + 1);
  });

  it('cancels a job that is still waiting for a slot without running it', async () => {
    const controller = new AbortController();
    const running = engine.train({ data, params, modelDir: await freshDir() });
    const events: EpochEvent[] = [];
    const queued = engine.train({
      data,
      params,
      modelDir: await freshDir(),
      signal: controller.signal,
      onEpoch: (e) => events.push(e),
    });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
    await running;
    expect(events).toEqual([]);
  });

  it('fails a diverging run with the user-safe message and keeps the worker', async () => {
    const startsBefore = engine.workerStarts();
    const run = engine.train({ data, params: { ...params, learningRate: 1e30 }, modelDir: await freshDir() });
    await expect(run).rejects.toMatchObject({ code: 'TRAINING_FAILED' });
    await expect(run).rejects.toThrow(
      /^Training diverged \(loss became NaN at epoch \d+\); try a lower learning rate$/,
    );
    expect(engine.workerStarts()).toBe(startsBefore);
  });

  it('rejects bad parameters before queueing, naming the field and the value', async () => {
    await expect(
      engine.train({ data, params: { ...params, epochs: 0 }, modelDir: root }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'epochs',
      message: 'Invalid epochs: 0 (an integer ≥ 1)',
    });
  });

  it('distils a model it saved, through the worker', async () => {
    const teacherDir = await freshDir('teacher');
    await engine.train({ data, params: { ...params, hiddenDim: 32 }, modelDir: teacherDir });
    const result = await engine.distill({
      data,
      teacherDir,
      teacherParams: params,
      student: { ...params, hiddenDim: 8, numHiddenLayers: 1 },
      temperature: 2,
      alpha: 0.5,
      compareScratch: false,
      modelDir: await freshDir('student'),
    });
    expect(result.student_parameters).toBeLessThan(result.teacher_parameters);
    expect(result.scratch_score).toBeUndefined();
    expect(result.files).toEqual([
      'model.json',
      'weights.bin',
      'raw_model.json',
      'raw_weights.bin',
      'model.onnx',
    ]);
    await expect(
      engine.distill({
        data,
        teacherDir: join(root, 'missing'),
        teacherParams: params,
        student: params,
        temperature: 2,
        alpha: 0.5,
        compareScratch: false,
        modelDir: await freshDir(),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'teacherModelId' });
  });
});

describe('TensorFlow engine crash recovery', () => {
  it('fails the run whose worker crashed with a user-safe message, and the next run works', async () => {
    // The real worker entry, plus a listener that kills the thread when asked to (registered first).
    const fixture = join(root, 'crashingWorker.mjs');
    await writeFile(
      fixture,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (req) => { if (req.modelDir.endsWith('crash-me')) process.exit(70); });
await import(${JSON.stringify(tfWorkerUrl().href)});\n`,
    );
    const logged: string[] = [];
    const engine = createTensorflowEngine({
      slots: 1,
      workerUrl: pathToFileURL(fixture),
      log: (m) => logged.push(m),
    });
    try {
      const crashDir = join(root, 'crash-me');
      await mkdir(crashDir);
      const crashed = engine.train({ data, params, modelDir: crashDir });
      await expect(crashed).rejects.toMatchObject({ code: 'TRAINING_FAILED' });
      await expect(crashed).rejects.toThrow(
        /^The TensorFlow worker crashed during training; the run was not saved/,
      );
      expect(logged.join('\n')).toContain('exit code 70');
      const next = await engine.train({ data, params, modelDir: await freshDir() });
      expect(next.history).toHaveLength(3);
      expect(engine.workerStarts()).toBe(2);
    } finally {
      await engine.close();
    }
  });

  it('reports itself unavailable, and fails runs as ENGINE_UNAVAILABLE, when its worker cannot start', async () => {
    const broken = join(root, 'brokenWorker.mjs');
    await writeFile(broken, "throw new Error('wasm binaries missing');\n");
    const logged: string[] = [];
    const engine = createTensorflowEngine({
      slots: 1,
      workerUrl: pathToFileURL(broken),
      log: (m) => logged.push(m),
    });
    try {
      expect(await engine.status()).toEqual({
        available: false,
        message: 'The TensorFlow engine could not start a worker thread',
      });
      await expect(engine.train({ data, params, modelDir: root })).rejects.toMatchObject({
        code: 'ENGINE_UNAVAILABLE',
      });
      expect(logged.join('\n')).toContain('wasm binaries missing');
    } finally {
      await engine.close();
    }
  });

  it('refuses work once closed', async () => {
    const engine = createTensorflowEngine({ slots: 1 });
    await engine.close();
    await expect(engine.train({ data, params, modelDir: root })).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
    });
  });
});
