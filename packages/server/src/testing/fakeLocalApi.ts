/**
 * A fake of the trainers' local api for UNIT tests only (excluded from the build): trains nothing,
 * answers after a short delay, honours abort signals, and counts what it was asked to train.
 */
import {
  type DatasetOption,
  type DistillRequest,
  type EpochEvent,
  MlApiError,
  type ModelSummary,
  type TensorflowTrainRequest,
  type TrainRequest,
  type TrainResponse,
} from '@trainyard/core';

export interface FakeLocalApi {
  trained: TrainRequest[];
  running: number;
  maxRunning: number;
  modelsById: Map<string, ModelSummary>;
  /** Resolves the next time a training starts. */
  nextStart(): Promise<TrainRequest>;
  [key: string]: unknown;
}

const iris: DatasetOption = {
  id: 'iris',
  name: 'Iris',
  task: 'classification',
  targetColumn: 'species',
  featureColumns: ['a', 'b', 'c', 'd'],
  rows: 150,
  classes: 3,
  source: 'test',
  license: 'test',
  builtIn: true,
};

export function createFakeLocalApi(
  opts: { delayMs?: number; failWhen?: (req: TrainRequest) => string | undefined } = {},
) {
  const delayMs = opts.delayMs ?? 5;
  const trained: TrainRequest[] = [];
  const modelsById = new Map<string, ModelSummary>();
  const startWaiters: Array<(req: TrainRequest) => void> = [];
  let running = 0;
  let maxRunning = 0;
  let nextModel = 0;

  const train = async (
    framework: 'pytorch' | 'tensorflow',
    req: TrainRequest,
    o: { signal?: AbortSignal; onEpoch?: (e: EpochEvent) => void } = {},
  ): Promise<TrainResponse> => {
    if (req.datasetId !== 'iris')
      throw new MlApiError('NOT_FOUND', `No dataset "${req.datasetId}"`, { field: 'datasetId' });
    running++;
    maxRunning = Math.max(maxRunning, running);
    for (const w of startWaiters.splice(0)) w(req);
    try {
      for (let epoch = 1; epoch <= Math.min(req.epochs, 3); epoch++) {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, delayMs);
          o.signal?.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              reject(new MlApiError('CANCELLED', 'Training cancelled'));
            },
            { once: true },
          );
          if (o.signal?.aborted) {
            clearTimeout(t);
            reject(new MlApiError('CANCELLED', 'Training cancelled'));
          }
        });
        o.onEpoch?.({
          epoch,
          epochs: Math.min(req.epochs, 3),
          train_loss: 1 / epoch,
          test_loss: 1.1 / epoch,
        });
      }
      const failure = opts.failWhen?.(req);
      if (failure) throw new MlApiError('TRAINING_FAILED', failure);
      trained.push(req);
      const modelId = `m${++nextModel}`;
      modelsById.set(modelId, {
        modelId,
        framework,
        kind: 'trained',
        datasetId: req.datasetId,
        task: 'classification',
        params: {
          epochs: req.epochs,
          batchSize: req.batchSize,
          learningRate: req.learningRate,
          testSize: req.testSize,
          hiddenDim: req.hiddenDim,
          numHiddenLayers: req.numHiddenLayers,
          dropout: req.dropout,
          seed: req.seed ?? 42,
        },
        metric_name: 'accuracy',
        metric_score: 0.9,
        parameterCount: 100,
        files: ['model.json'],
        createdAt: new Date().toISOString(),
      });
      return {
        framework,
        datasetId: req.datasetId,
        metric_name: 'accuracy',
        metric_score: 0.9,
        train_loss: 0.3,
        test_loss: 0.35,
        history: [],
        modelId,
        modelPath: `models/${modelId}`,
        durationMs: delayMs,
        parameterCount: 100,
      };
    } finally {
      running--;
    }
  };

  return {
    trained,
    modelsById,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    nextStart: () => new Promise<TrainRequest>((resolve) => startWaiters.push(resolve)),
    getDatasetManifest: async () => [iris],
    getDatasetRows: async () => ({ datasetId: 'iris', columns: [], rows: [], total: 0, offset: 0 }),
    trainPytorch: (req: TrainRequest, o?: { signal?: AbortSignal; onEpoch?: (e: EpochEvent) => void }) =>
      train('pytorch', req, o),
    trainTensorflow: (
      req: TensorflowTrainRequest,
      o?: { signal?: AbortSignal; onEpoch?: (e: EpochEvent) => void },
    ) => train('tensorflow', req, o),
    distillPytorch: async (_req: DistillRequest) => {
      throw new MlApiError('TRAINING_FAILED', 'not in this fake');
    },
    distillTensorflow: async (_req: DistillRequest) => {
      throw new MlApiError('TRAINING_FAILED', 'not in this fake');
    },
    registry: { get: async (id: string) => (id === 'iris' ? iris : undefined) },
    models: {
      list: async () => [...modelsById.values()],
      get: async (id: string) => modelsById.get(id),
    },
    status: async () => ({
      pytorch: { available: true, message: 'fake' },
      tensorflow: { available: true, message: 'fake' },
    }),
    close: async () => {},
  };
}
