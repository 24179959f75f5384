/**
 * core's MlApi implemented in-process over the engines: the server's sweeps, the CLI and remote
 * workers all train through this. It validates the request with core's schemas, prepares the data
 * (cached per dataset, testSize and seed), lets the engine write into a temporary model directory
 * and commits the model with its metadata only when training succeeded.
 */
import { resolve } from 'node:path';
import {
  type CallOptions,
  DEFAULT_SEED,
  type DistillRequest,
  DistillRequestSchema,
  type DistillResponse,
  type Framework,
  type MlApi,
  MlApiError,
  parseOrThrow,
  type TensorflowTrainRequest,
  TensorflowTrainRequestSchema,
  type TrainRequest,
  TrainRequestSchema,
  type TrainResponse,
} from '@trainyard/core';
import type { ArtifactStore } from './artifacts/artifactStore.js';
import { type CrossValidation, crossValidate } from './crossValidation.js';
import { createDatasetRegistry, type DatasetRegistry } from './datasets/datasetRegistry.js';
import type { EarlyStopping, Engine, EngineStatus, EngineTrainResult, ModelParams } from './engine.js';
import type { ModelMetadata } from './models/modelMetadata.js';
import { createModelStore, type ModelStore } from './models/modelStore.js';
import type { PrepareOptions } from './preprocessing/prepareData.js';
import { createPreparedDataCache } from './preprocessing/preparedDataCache.js';

export interface LocalMlApiOptions {
  /** Data directory; default `TRAINYARD_HOME`, else `./.trainyard`, resolved to an absolute path. */
  home?: string;
  /** Injected engines (tests); missing ones are created on first use. */
  engines?: { pytorch?: Engine; tensorflow?: Engine };
  pytorchSlots?: number;
  tensorflowSlots?: number;
  /** Where model folders and imported datasets are also stored for other machines (TRAINYARD_ARTIFACTS). */
  artifacts?: ArtifactStore;
}

export type LocalMlApi = MlApi & {
  readonly home: string;
  readonly registry: DatasetRegistry;
  readonly models: ModelStore;
  status(): Promise<{ pytorch: EngineStatus; tensorflow: EngineStatus }>;
  /** Stops the engines' warm workers and processes. */
  close(): Promise<void>;
};

const ENGINE_LABEL: Record<Framework, string> = { pytorch: 'PyTorch', tensorflow: 'TensorFlow' };

/**
 * @example
 * const api = createLocalMlApi({ home: '/tmp/yard' });
 * const run = await api.trainPytorch({ datasetId: 'iris', epochs: 20, batchSize: 16, learningRate: 0.01,
 *   testSize: 0.2, hiddenDim: 32, numHiddenLayers: 2, dropout: 0 });
 * run.metric_score; // accuracy on the test split
 * await api.close();
 */
export function createLocalMlApi(options: LocalMlApiOptions = {}): LocalMlApi {
  const home = resolve(options.home ?? process.env.TRAINYARD_HOME ?? './.trainyard');
  const shared = options.artifacts ? { artifacts: options.artifacts } : {};
  const registry = createDatasetRegistry({ home, ...shared });
  const models = createModelStore({ home, ...shared });
  const prepared = createPreparedDataCache();
  const engines = new Map<Framework, Promise<Engine>>();
  for (const framework of ['pytorch', 'tensorflow'] as const) {
    const injected = options.engines?.[framework];
    if (injected) engines.set(framework, Promise.resolve(injected));
  }

  /** Engines load lazily: importing TF.js or spawning python costs time a caller may never need. */
  function engine(framework: Framework): Promise<Engine> {
    let created = engines.get(framework);
    if (!created) {
      created =
        framework === 'pytorch'
          ? import('./pytorch/index.js').then((m) =>
              m.createPytorchEngine(options.pytorchSlots ? { slots: options.pytorchSlots } : {}),
            )
          : import('./tensorflow/index.js').then((m) =>
              m.createTensorflowEngine(options.tensorflowSlots ? { slots: options.tensorflowSlots } : {}),
            );
      engines.set(framework, created);
    }
    return created;
  }

  async function prepare(
    datasetId: string,
    testSize: number,
    seed: number,
    validationSize = 0,
    fold?: PrepareOptions['fold'],
  ) {
    const table = await registry.load(datasetId);
    return prepared.get(table, { testSize, seed, validationSize, ...(fold ? { fold } : {}) });
  }

  /**
   * The folds of a k-fold run (`req.folds`), each trained by the engine on its own prepared data
   * into a scratch model folder that is dropped afterwards; the refit follows in `train`.
   */
  async function crossValidateRun(
    framework: Framework,
    eng: Engine,
    req: TrainRequest & { folds: number },
    params: ModelParams,
    earlyStopping: EarlyStopping | undefined,
    o: CallOptions,
  ): Promise<CrossValidation> {
    const { folds } = req;
    try {
      return await crossValidate({
        folds,
        epochs: params.epochs,
        ...(earlyStopping ? { earlyStopping } : {}),
        ...(o.onEpoch ? { onEpoch: o.onEpoch } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        async trainFold(index, onEpoch) {
          const data = await prepare(req.datasetId, req.testSize, params.seed, 0, { folds, index });
          const scratch = await models.allocate();
          try {
            return await eng.train({
              data,
              params,
              modelDir: scratch.dir,
              ...(earlyStopping ? { earlyStopping } : {}),
              ...callbacks({ ...o, onEpoch }),
            });
          } finally {
            await models.discard(scratch.modelId);
          }
        },
      });
    } catch (err) {
      throw userSafe(err, framework, 'training');
    }
  }

  async function train(
    framework: Framework,
    req: TensorflowTrainRequest | TrainRequest,
    o: CallOptions = {},
  ) {
    const seed = req.seed ?? DEFAULT_SEED;
    const params: ModelParams = {
      epochs: req.epochs,
      batchSize: req.batchSize,
      learningRate: req.learningRate,
      hiddenDim: req.hiddenDim,
      numHiddenLayers: req.numHiddenLayers,
      dropout: req.dropout,
      seed,
    };
    if ('mode' in req) params.mode = req.mode;
    const earlyStopping =
      req.patience === undefined ? undefined : { patience: req.patience, minDelta: req.minDelta ?? 0 };
    const data = await prepare(req.datasetId, req.testSize, seed, req.validationSize);
    const eng = await engine(framework);
    throwIfAborted(o.signal);
    // k-fold: the folds first, then the refit below on the whole non-test part (`data`: no validation
    // rows, so no early stopping: it trains the folds' rounded mean best epoch instead).
    const cv =
      req.folds === undefined
        ? undefined
        : await crossValidateRun(framework, eng, { ...req, folds: req.folds }, params, earlyStopping, o);
    if (cv) {
      params.epochs = cv.refitEpochs;
      throwIfAborted(o.signal);
    }
    const main = await models.allocate();
    const checkpoints = await Promise.all((req.epochCheckpoints ?? []).map(() => models.allocate()));
    /** Commits one trained model (the run's, or a checkpoint's) and answers for it. */
    const commit = async (
      { modelId }: { modelId: string },
      result: EngineTrainResult & { val_score_std?: number },
      epochs: number,
    ): Promise<TrainResponse> => {
      const { metric_name, metric_score, train_loss, test_loss } = result;
      await models.commit(modelId, {
        framework,
        kind: 'trained',
        datasetId: req.datasetId,
        task: data.task,
        params: { ...params, epochs },
        preprocessing: data.preprocessing,
        metrics: { metric_name, metric_score, train_loss, test_loss },
        parameterCount: result.parameterCount,
        files: result.files,
        history: result.history,
        durationMs: result.durationMs,
      });
      return {
        framework,
        datasetId: req.datasetId,
        metric_name,
        metric_score,
        train_loss,
        test_loss,
        history: result.history,
        modelId,
        modelPath: models.dir(modelId),
        durationMs: result.durationMs,
        parameterCount: result.parameterCount,
        ...(result.val_score === undefined ? {} : { val_score: result.val_score, val_loss: result.val_loss }),
        ...(result.val_score_std === undefined ? {} : { val_score_std: result.val_score_std }),
        best_epoch: result.best_epoch,
        stopped_epoch: result.stopped_epoch,
        pruned: result.pruned ?? false,
      };
    };
    try {
      const trained = await eng.train({
        data,
        params,
        modelDir: main.dir,
        ...(earlyStopping && !cv ? { earlyStopping } : {}),
        ...(req.epochCheckpoints
          ? {
              checkpoints: req.epochCheckpoints.map((epochs, i) => ({
                epochs,
                modelDir: checkpoints[i]!.dir,
              })),
            }
          : {}),
        ...callbacks(cv && o.onEpoch ? { ...o, onEpoch: (e) => o.onEpoch?.(cv.refitEvent(e)) } : o),
        // A k-fold run has no single validation curve to prune on (sweeps refuse a pruner with folds).
        ...(o.prune && !cv ? { prune: o.prune } : {}),
      });
      const result = cv ? cv.withFolds(trained) : trained;
      const response = await commit(main, result, params.epochs);
      if (req.epochCheckpoints) {
        response.checkpoints = [];
        for (const [i, epochs] of req.epochCheckpoints.entries()) {
          response.checkpoints.push(await commit(checkpoints[i]!, result.checkpoints![i]!, epochs));
        }
      }
      return response;
    } catch (err) {
      // A model already committed stays: it is complete and listed.
      for (const { modelId } of [main, ...checkpoints]) await models.discard(modelId);
      throw userSafe(err, framework, 'training');
    }
  }

  async function distill(
    framework: Framework,
    req: DistillRequest,
    o: CallOptions = {},
  ): Promise<DistillResponse> {
    const teacher = await teacherFor(framework, req);
    const { testSize, seed: splitSeed, validationSize } = teacher.preprocessing;
    // The teacher's split: its standardisation was fitted on the rows its validation split left.
    const data = await prepare(teacher.datasetId, testSize, splitSeed, validationSize);
    if (data.preprocessing.featureColumns.join('\n') !== teacher.preprocessing.featureColumns.join('\n')) {
      throw new MlApiError(
        'VALIDATION',
        `Dataset ${teacher.datasetId} no longer has the columns teacher ${teacher.modelId} was trained on`,
        { field: 'teacherModelId' },
      );
    }
    const student: ModelParams = {
      epochs: req.epochs,
      batchSize: req.batchSize,
      learningRate: req.learningRate,
      hiddenDim: req.hiddenDim,
      numHiddenLayers: req.numHiddenLayers,
      dropout: req.dropout ?? 0,
      seed: req.seed ?? DEFAULT_SEED,
    };
    if (framework === 'tensorflow') student.mode = 'mlp';
    const eng = await engine(framework);
    throwIfAborted(o.signal);
    const { modelId, dir } = await models.allocate();
    try {
      const result = await eng.distill({
        data,
        teacherDir: models.dir(teacher.modelId),
        teacherParams: teacher.params,
        student,
        temperature: req.temperature,
        alpha: req.alpha,
        compareScratch: req.compareScratch ?? false,
        modelDir: dir,
        ...callbacks(o),
      });
      const metrics: DistillResponse['metrics'] = {
        metric_name: result.metric_name,
        teacher_score: result.teacher_score,
        student_score: result.student_score,
        teacher_parameters: result.teacher_parameters,
        student_parameters: result.student_parameters,
        compression_ratio: result.teacher_parameters / result.student_parameters,
        agreement: result.agreement,
        train_loss: result.train_loss,
        test_loss: result.test_loss,
        temperature: req.temperature,
        alpha: req.alpha,
      };
      if (result.scratch_score !== undefined) metrics.scratch_score = result.scratch_score;
      await models.commit(modelId, {
        framework,
        kind: 'distilled',
        datasetId: teacher.datasetId,
        task: data.task,
        params: student,
        preprocessing: data.preprocessing,
        metrics: {
          metric_name: result.metric_name,
          metric_score: result.student_score,
          train_loss: result.train_loss,
          test_loss: result.test_loss,
        },
        distillMetrics: metrics,
        teacherModelId: teacher.modelId,
        parameterCount: result.student_parameters,
        files: result.files,
        history: result.history,
        durationMs: result.durationMs,
      });
      const { seed: _seed, mode: _mode, ...combination } = student;
      return {
        framework,
        datasetId: teacher.datasetId,
        teacherModelId: teacher.modelId,
        metrics,
        modelId,
        modelPath: models.dir(modelId),
        student: { ...combination, testSize },
        history: result.history,
        durationMs: result.durationMs,
      };
    } catch (err) {
      await models.discard(modelId);
      throw userSafe(err, framework, 'distillation');
    }
  }

  /** The stored teacher of a distillation, checked by the one teacher rule. */
  async function teacherFor(framework: Framework, req: DistillRequest): Promise<ModelMetadata> {
    const found = await models.get(req.teacherModelId).catch((err: unknown) => {
      if (err instanceof MlApiError && err.code === 'NOT_FOUND') return undefined;
      throw err;
    });
    return checkTeacher(found, framework, req);
  }

  return {
    home,
    registry,
    models,
    getDatasetManifest: async () => registry.list(),
    getDatasetRows: (datasetId, page) => registry.rows(datasetId, page),
    trainPytorch: async (req, o) => train('pytorch', parseOrThrow(TrainRequestSchema, req), o),
    trainTensorflow: async (req, o) =>
      train('tensorflow', parseOrThrow(TensorflowTrainRequestSchema, req), o),
    distillPytorch: async (req, o) => distill('pytorch', parseOrThrow(DistillRequestSchema, req), o),
    distillTensorflow: async (req, o) => distill('tensorflow', parseOrThrow(DistillRequestSchema, req), o),
    async status() {
      const [pytorch, tensorflow] = await Promise.all(
        (['pytorch', 'tensorflow'] as const).map(async (framework) => {
          try {
            return await (await engine(framework)).status();
          } catch (err) {
            return {
              available: false,
              message: `${ENGINE_LABEL[framework]} engine failed to load: ${messageOf(err)}`,
            };
          }
        }),
      );
      return { pytorch: pytorch!, tensorflow: tensorflow! };
    },
    async close() {
      const started = [...engines.values()];
      // Created engines start afresh on next use; injected ones stay (their owner may reuse them).
      for (const framework of [...engines.keys()])
        if (!options.engines?.[framework]) engines.delete(framework);
      await Promise.all(started.map(async (e) => (await e.catch(() => undefined))?.close()));
    },
  };
}

/** What the teacher rule needs of a stored model: the trainers' ModelMetadata and core's ModelSummary fit. */
export interface TeacherFacts {
  modelId: string;
  framework: Framework;
  datasetId: string;
}

/**
 * The one teacher rule of a distillation, for every entry point (createLocalMlApi, and the studio before
 * it stores a run): the teacher exists (NOT_FOUND), is of the student's framework and, when the request
 * names a dataset, was trained on it (VALIDATION), each naming its field.
 *
 * @example const teacher = checkTeacher(await findModel(req.teacherModelId), 'pytorch', req);
 */
export function checkTeacher<T extends TeacherFacts>(
  teacher: T | undefined,
  framework: Framework,
  req: Pick<DistillRequest, 'teacherModelId' | 'datasetId'>,
): T {
  if (!teacher) {
    throw new MlApiError('NOT_FOUND', `Model not found: ${String(req.teacherModelId).slice(0, 100)}`, {
      field: 'teacherModelId',
    });
  }
  if (teacher.framework !== framework) {
    const label = ENGINE_LABEL[teacher.framework];
    throw new MlApiError(
      'VALIDATION',
      `Teacher ${teacher.modelId} is a ${label} model; distil it with the ${label} engine (a teacher must be of the student's framework)`,
      { field: 'teacherModelId' },
    );
  }
  if (req.datasetId !== undefined && req.datasetId !== teacher.datasetId) {
    throw new MlApiError(
      'VALIDATION',
      `Teacher ${teacher.modelId} was trained on ${teacher.datasetId}, not on ${req.datasetId}`,
      { field: 'datasetId' },
    );
  }
  return teacher;
}

function callbacks(o: CallOptions): Pick<CallOptions, 'onEpoch' | 'signal'> {
  const out: Pick<CallOptions, 'onEpoch' | 'signal'> = {};
  if (o.onEpoch) out.onEpoch = o.onEpoch;
  if (o.signal) out.signal = o.signal;
  return out;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MlApiError('CANCELLED', 'Cancelled before training started');
}

/** Engines throw MlApiError with user-safe text; anything else is a bug whose text stays in `cause`. */
function userSafe(err: unknown, framework: Framework, what: string): MlApiError {
  if (err instanceof MlApiError) return err;
  return new MlApiError('TRAINING_FAILED', `${ENGINE_LABEL[framework]} ${what} failed unexpectedly`, {
    cause: err,
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
