// Shared test fixtures: core's unit tests and, through the `@trainyard/core/testing` subpath, the
// web and CLI tests. Kept out of `dist` (tsconfig excludes it): the subpath points at this source.
import type { ModelSummary, StoredRun, SweepFields } from './studioTypes.js';
import type { DatasetOption, DatasetRows, TrainingCombination, TrainResponse } from './types.js';

export const dataset = (id: string): DatasetOption => ({
  id,
  name: id.toUpperCase(),
  task: 'classification',
  targetColumn: 'target',
  featureColumns: ['a', 'b'],
  rows: 2,
  classes: 2,
  source: 'test',
  license: 'CC0',
  builtIn: true,
});

export const rowsOf = (datasetId: string): DatasetRows => ({
  datasetId,
  columns: ['a', 'b', 'target'],
  rows: [
    [1, 2, 0],
    [3, 4, 1],
  ],
  total: 2,
  offset: 0,
});

export const combination = (
  epochs: number,
  overrides: Partial<TrainingCombination> = {},
): TrainingCombination => ({
  epochs,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 32,
  numHiddenLayers: 1,
  dropout: 0,
  ...overrides,
});

/** Raw pytorch sweep fields on iris: a 2 × 2 × 2 grid (epochs, learning rates, hidden dims). */
export const sweepFields = (overrides: Partial<SweepFields> = {}): SweepFields => ({
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues: '10,20',
  batchSizes: '16',
  learningRates: '0.01,0.1',
  testSizes: '0.2',
  hiddenDims: '32,64',
  numHiddenLayers: '1',
  dropouts: '0.1',
  ...overrides,
});

export const trainResponse = (overrides: Partial<TrainResponse> = {}): TrainResponse => ({
  framework: 'pytorch',
  datasetId: 'iris',
  metric_name: 'accuracy',
  metric_score: 0.9,
  train_loss: 0.3,
  test_loss: 0.4,
  history: [],
  modelId: 'm1',
  modelPath: '/models/m1',
  durationMs: 10,
  parameterCount: 100,
  ...overrides,
});

/** A promise with its resolve/reject exposed, to control when a fake api answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A stored run: a completed PyTorch iris run unless `overrides` say otherwise. */
export function storedRun(overrides: Partial<StoredRun> = {}): StoredRun {
  return {
    id: 'run-1',
    framework: 'pytorch',
    datasetId: 'iris',
    result: 'completed',
    kind: 'train',
    seed: 42,
    epochs: 10,
    batchSize: 16,
    learningRate: 0.01,
    testSize: 0.2,
    hiddenDim: 64,
    numHiddenLayers: 2,
    dropout: 0.1,
    metric_name: 'accuracy',
    metric_score: 0.9,
    train_loss: 0.3,
    test_loss: 0.35,
    modelId: 'mdl-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * A full 2 × 2 grid over learning rate and hidden dim, test accuracy 0.6 / 0.7 / 0.8 / 0.95 ('d'
 * best): the chart options' tests work their numbers out on it by hand.
 */
export const twoByTwoGrid = (): StoredRun[] => [
  storedRun({ id: 'a', learningRate: 0.001, hiddenDim: 16, metric_score: 0.6 }),
  storedRun({ id: 'b', learningRate: 0.001, hiddenDim: 32, metric_score: 0.7 }),
  storedRun({ id: 'c', learningRate: 0.1, hiddenDim: 16, metric_score: 0.8 }),
  storedRun({ id: 'd', learningRate: 0.1, hiddenDim: 32, metric_score: 0.95 }),
];

/** A saved model as GET /api/models lists it: a trained PyTorch model of iris. */
export function modelSummary(overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    modelId: 'm_aaaaaaaaaaaaaaaa',
    framework: 'pytorch',
    kind: 'trained',
    datasetId: 'iris',
    task: 'classification',
    params: { ...combination(5, { hiddenDim: 32, numHiddenLayers: 2 }), seed: 42 },
    metric_name: 'accuracy',
    metric_score: 0.9,
    parameterCount: 1500,
    files: ['model.pt'],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * For `vi.mock('@trainyard/core', …)` in any package's tests: core with both training orchestrators
 * (the one sweep scheduler) wrapped by `spy` (pass `vi.fn`), so a test can see that the browser,
 * the CLI and the server schedule through them. Read the spy back with `vi.mocked(runPytorchTraining)`.
 *
 * @example
 * vi.mock('@trainyard/core', async (original) =>
 *   (await import('@trainyard/core/testing')).withSpiedScheduler(await original(), vi.fn));
 */
export function withSpiedScheduler<
  C extends {
    runPytorchTraining: (...args: never[]) => unknown;
    runTensorflowTraining: (...args: never[]) => unknown;
  },
>(core: C, spy: <F extends (...args: never[]) => unknown>(f: F) => F): C {
  return {
    ...core,
    runPytorchTraining: spy(core.runPytorchTraining),
    runTensorflowTraining: spy(core.runTensorflowTraining),
  };
}
