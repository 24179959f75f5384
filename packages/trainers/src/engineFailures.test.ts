// One failure table run against both real engines: the same failure gives the same MlApiError code
// (and, for the guard, the same field and message). TF workers run from dist/: build first.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine, EngineDistillJob, EngineTrainJob, ModelParams, PreparedData } from './engine.js';
import { createPytorchEngine, type PytorchEngine } from './pytorch/pytorchEngine.js';
import { blobs } from './pytorch/testData.js';
import { DEFAULT_PYTHON } from './pytorch/trainerScript.js';
import { createTensorflowEngine } from './tensorflow/tensorflowEngine.js';
import { tfWorkerUrl } from './tensorflow/workerEntry.js';

const root = mkdtempSync(join(tmpdir(), 'trainyard-failures-'));
let dirs = 0;
const freshDir = (name = 'm') => {
  const dir = join(root, `${name}-${++dirs}`);
  mkdirSync(dir);
  return dir;
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

const data = blobs(80, 4, 3);
const params: ModelParams = {
  epochs: 2,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 8,
  numHiddenLayers: 1,
  dropout: 0,
  seed: 42,
};
// Still running when a test intervenes after its first epoch.
const long: ModelParams = { ...params, epochs: 500 };

// A python that passes the engine's probe but whose trainer dies before it is ready.
const noTrainer = join(root, 'python-no-trainer');
writeFileSync(
  noTrainer,
  `#!/bin/sh\ncase " $* " in *" --probe "*) exec ${DEFAULT_PYTHON} "$@";; esac\nexit 3\n`,
  { mode: 0o755 },
);
// The real TF worker entry, plus a listener that kills the thread for a job saved into 'crash-me'.
const crashingEntry = join(root, 'crashingWorker.mjs');
writeFileSync(
  crashingEntry,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (req) => { if (req.modelDir.endsWith('crash-me')) process.exit(70); });
await import(${JSON.stringify(tfWorkerUrl().href)});\n`,
);
const brokenEntry = join(root, 'brokenWorker.mjs');
writeFileSync(brokenEntry, "throw new Error('wasm binaries missing');\n");

interface EngineCase {
  name: string;
  create(opts?: { broken?: boolean }): Engine;
  /** The job fields that make the worker die during the run. */
  crashing(engine: Engine): Pick<EngineTrainJob, 'modelDir' | 'onEpoch'>;
  crashMessage: RegExp;
}

const quiet = () => {};
const cases: EngineCase[] = [
  {
    name: 'pytorch',
    create: ({ broken } = {}) =>
      createPytorchEngine({
        slots: 1,
        threadsPerSlot: 1,
        log: quiet,
        ...(broken ? { python: noTrainer } : {}),
      }),
    crashing: (engine) => ({
      modelDir: freshDir(),
      onEpoch: (e) => {
        if (e.epoch === 1) process.kill((engine as PytorchEngine).workerPids()[0]!, 'SIGKILL');
      },
    }),
    crashMessage: /^PyTorch trainer exited unexpectedly \(code 137\)$/,
  },
  {
    name: 'tensorflow',
    create: ({ broken } = {}) =>
      createTensorflowEngine({
        slots: 1,
        log: quiet,
        workerUrl: pathToFileURL(broken ? brokenEntry : crashingEntry),
      }),
    crashing: () => {
      const modelDir = join(freshDir(), 'crash-me');
      mkdirSync(modelDir);
      return { modelDir };
    },
    crashMessage: /^The TensorFlow worker crashed during training; the run was not saved/,
  },
];

const distillJob = (over: Partial<EngineDistillJob> = {}): EngineDistillJob => ({
  data,
  teacherDir: join(root, 'no-teacher'),
  teacherParams: params,
  student: params,
  temperature: 2,
  alpha: 0.5,
  compareScratch: false,
  modelDir: join(root, 'never-written'),
  ...over,
});

const badData = (over: Partial<PreparedData>): PreparedData => ({ ...data, ...over });

/** [what, job, field, message]: rejected by the one guard in engine.ts before anything is queued. */
const badJobs: Array<
  [string, 'train' | 'distill', Partial<EngineTrainJob & EngineDistillJob>, string, string]
> = [
  ['epochs 0', 'train', { params: { ...params, epochs: 0 } }, 'epochs', 'Invalid epochs: 0 (an integer ≥ 1)'],
  [
    'no hidden layer',
    'train',
    { params: { ...params, numHiddenLayers: 0 } },
    'numHiddenLayers',
    'Invalid numHiddenLayers: 0 (an integer ≥ 1)',
  ],
  [
    'a negative seed',
    'train',
    { params: { ...params, seed: -1 } },
    'seed',
    'Invalid seed: -1 (an integer 0-4294967295)',
  ],
  [
    'a fractional seed',
    'train',
    { params: { ...params, seed: 1.5 } },
    'seed',
    'Invalid seed: 1.5 (an integer 0-4294967295)',
  ],
  ['dropout 1', 'train', { params: { ...params, dropout: 1 } }, 'dropout', 'Invalid dropout: 1 (in [0, 1))'],
  [
    'a NaN learning rate',
    'train',
    { params: { ...params, learningRate: Number.NaN } },
    'learningRate',
    'Invalid learningRate: NaN (a number > 0)',
  ],
  [
    'a short xTrain',
    'train',
    { params, data: badData({ xTrain: data.xTrain.subarray(1) }) },
    'xTrain',
    `Invalid xTrain: ${data.xTrain.length - 1} values (expected ${data.xTrain.length})`,
  ],
  [
    'a label past the last class',
    'train',
    { params, data: badData({ yTrain: data.yTrain.map((y, i) => (i === 0 ? 3 : y)) }) },
    'yTrain',
    'Invalid yTrain: label 3 (class indexes 0-2)',
  ],
  [
    'a yVal label past the last class',
    'train',
    { params, data: badData({ nVal: 1, xVal: new Float32Array(4), yVal: Float32Array.of(5) }) },
    'yVal',
    'Invalid yVal: label 5 (class indexes 0-2)',
  ],
  [
    'patience 0',
    'train',
    { params, earlyStopping: { patience: 0, minDelta: 0 } },
    'patience',
    'Invalid patience: 0 (an integer ≥ 1)',
  ],
  [
    'a negative minDelta',
    'train',
    { params, earlyStopping: { patience: 2, minDelta: -0.1 } },
    'minDelta',
    'Invalid minDelta: -0.1 (a number ≥ 0)',
  ],
  [
    'early stopping without validation rows',
    'train',
    { params, earlyStopping: { patience: 2, minDelta: 0 } },
    'patience',
    'Invalid patience: 2 (needs validation rows: validationSize above 0)',
  ],
  [
    'a checkpoint past the last epoch',
    'train',
    { params, checkpoints: [{ epochs: 5, modelDir: join(root, 'never-written') }] },
    'checkpoints',
    'Invalid checkpoints: 5 (increasing epoch counts, each 1-1)',
  ],
  [
    'a student without hidden layer',
    'distill',
    { student: { ...params, numHiddenLayers: 0 } },
    'numHiddenLayers',
    'Invalid numHiddenLayers: 0 (an integer ≥ 1)',
  ],
  ['alpha 1.5', 'distill', { alpha: 1.5 }, 'alpha', 'Invalid alpha: 1.5 (in [0, 1])'],
];

describe.each(cases)('$name engine: the shared failure table', (c) => {
  const engine = c.create();
  afterAll(() => engine.close());

  it.each(badJobs)(
    'rejects %s as VALIDATION naming the field and the value',
    async (_, kind, job, field, message) => {
      const run =
        kind === 'train'
          ? engine.train({ data, params, modelDir: join(root, 'never-written'), ...job } as EngineTrainJob)
          : engine.distill(distillJob(job));
      await expect(run).rejects.toMatchObject({ code: 'VALIDATION', field, message });
    },
  );

  it('answers a missing teacher as NOT_FOUND on teacherModelId', async () => {
    await expect(engine.distill(distillJob({ modelDir: freshDir() }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'teacherModelId',
      message: 'The teacher model files are missing; was the model deleted?',
    });
  });

  it('cancels a run aborted mid-epoch as CANCELLED', async () => {
    const controller = new AbortController();
    const run = engine.train({
      data,
      params: long,
      modelDir: freshDir(),
      signal: controller.signal,
      onEpoch: (e) => e.epoch === 1 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Training cancelled' });
  });

  it('fails a run whose worker crashed as TRAINING_FAILED, and the next run works', async () => {
    const run = engine.train({ data, params: long, ...c.crashing(engine) });
    await expect(run).rejects.toMatchObject({ code: 'TRAINING_FAILED' });
    await expect(run).rejects.toThrow(c.crashMessage);
    expect((await engine.train({ data, params, modelDir: freshDir() })).history).toHaveLength(2);
  });

  it('cancels the runs in flight and queued on close(), and refuses later runs as ENGINE_UNAVAILABLE', async () => {
    const own = c.create();
    let closing: Promise<void> | undefined;
    const run = own.train({
      data,
      params: long,
      modelDir: freshDir(),
      onEpoch: (e) => {
        if (e.epoch === 1) closing ??= own.close();
      },
    });
    const queued = own.train({ data, params, modelDir: freshDir() });
    await Promise.all([
      expect(run).rejects.toMatchObject({ code: 'CANCELLED' }),
      expect(queued).rejects.toMatchObject({ code: 'CANCELLED' }),
    ]);
    await closing;
    await expect(own.train({ data, params, modelDir: freshDir() })).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
    });
  });

  it('fails runs as ENGINE_UNAVAILABLE when its worker cannot start', async () => {
    const broken = c.create({ broken: true });
    try {
      await expect(broken.train({ data, params, modelDir: freshDir() })).rejects.toMatchObject({
        code: 'ENGINE_UNAVAILABLE',
      });
    } finally {
      await broken.close();
    }
  });
});
