import type {
  CallOptions,
  DatasetOption,
  DatasetRows,
  DistillRequest,
  DistillResponse,
  MlApi,
  TensorflowTrainRequest,
  TrainRequest,
  TrainResponse,
} from '@trainyard/core';
import { MlApiError } from '@trainyard/core';

/** Test-only MlApi: records every call; each method's behaviour can be replaced per test. */
export interface FakeMlApi extends MlApi {
  calls: { method: keyof MlApi; args: unknown[] }[];
  manifest: DatasetOption[];
  train: (req: TrainRequest | TensorflowTrainRequest, o?: CallOptions) => Promise<TrainResponse>;
  distill: (req: DistillRequest, o?: CallOptions) => Promise<DistillResponse>;
  rows: (datasetId: string) => Promise<DatasetRows>;
}

export const dataset = (id: string): DatasetOption => ({
  id,
  name: id.toUpperCase(),
  task: 'classification',
  targetColumn: 'target',
  featureColumns: ['x1', 'x2'],
  rows: 3,
  classes: 2,
  source: 'test',
  license: 'CC0',
  builtIn: true,
});

/** A trained response whose score encodes the combination, so tests can tell rows apart. */
/** What a backend answers for `req`, with one answer per epoch checkpoint (shared prefixes) as the server does. */
export function trainResponse(req: TrainRequest, o?: CallOptions): TrainResponse {
  const history = Array.from({ length: 2 }, (_, i) => ({
    epoch: i + 1,
    epochs: 2,
    train_loss: 1 / (i + 1),
    test_loss: 1.2 / (i + 1),
  }));
  for (const e of history) o?.onEpoch?.(e);
  return {
    framework: 'pytorch',
    datasetId: req.datasetId,
    metric_name: 'accuracy',
    metric_score: req.epochs / 1000,
    train_loss: 0.5,
    test_loss: 0.6,
    history,
    modelId: `m-${req.epochs}-${req.batchSize}`,
    modelPath: `/models/m-${req.epochs}`,
    durationMs: 5,
    parameterCount: 100,
    ...(req.epochCheckpoints
      ? {
          checkpoints: req.epochCheckpoints.map((epochs) => {
            const { epochCheckpoints: _shared, ...alone } = req;
            return trainResponse({ ...alone, epochs });
          }),
        }
      : {}),
  };
}

export function distillResponse(req: DistillRequest): DistillResponse {
  return {
    framework: 'pytorch',
    datasetId: 'iris',
    teacherModelId: req.teacherModelId,
    metrics: {
      metric_name: 'accuracy',
      teacher_score: 0.97,
      student_score: 0.95,
      teacher_parameters: 4600,
      student_parameters: 150,
      compression_ratio: 4600 / 150,
      agreement: 0.98,
      train_loss: 0.2,
      test_loss: 0.25,
      temperature: req.temperature,
      alpha: req.alpha,
    },
    modelId: 'student-1',
    modelPath: '/models/student-1',
    student: {
      epochs: req.epochs,
      batchSize: req.batchSize,
      learningRate: req.learningRate,
      testSize: 0.2,
      hiddenDim: req.hiddenDim,
      numHiddenLayers: req.numHiddenLayers,
      dropout: 0,
    },
    history: [],
    durationMs: 7,
    runId: 'run-student-1',
  };
}

export function createFakeMlApi(): FakeMlApi {
  const fake: FakeMlApi = {
    calls: [],
    manifest: [dataset('a'), dataset('b')],
    train: async (req, o) => trainResponse(req, o),
    distill: async (req) => distillResponse(req),
    rows: async (datasetId) => ({
      datasetId,
      columns: ['x1', 'x2', 'target'],
      rows: [[1, 2, 'y']],
      total: 1,
      offset: 0,
    }),
    async getDatasetManifest() {
      fake.calls.push({ method: 'getDatasetManifest', args: [] });
      return fake.manifest;
    },
    getDatasetRows(datasetId, page) {
      fake.calls.push({ method: 'getDatasetRows', args: [datasetId, page] });
      return fake.rows(datasetId);
    },
    trainPytorch(req, o) {
      fake.calls.push({ method: 'trainPytorch', args: [req, o] });
      return fake.train(req, o);
    },
    trainTensorflow(req, o) {
      fake.calls.push({ method: 'trainTensorflow', args: [req, o] });
      return fake.train(req, o);
    },
    distillPytorch(req, o) {
      fake.calls.push({ method: 'distillPytorch', args: [req, o] });
      return fake.distill(req, o);
    },
    distillTensorflow(req, o) {
      fake.calls.push({ method: 'distillTensorflow', args: [req, o] });
      return fake.distill(req, o);
    },
  };
  return fake;
}

/** A promise the test settles by hand, to hold a training call in flight. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects like the HTTP client does when the caller aborts. */
export function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new MlApiError('CANCELLED', 'Cancelled')), { once: true });
  });
}

/** The AbortSignal the hook passed with the api call at `index`. */
export function callSignal(api: FakeMlApi, index = 0): AbortSignal {
  const options = api.calls[index]?.args[1] as CallOptions | undefined;
  if (!options?.signal) throw new Error(`api call ${index} carried no signal`);
  return options.signal;
}
