/**
 * core's MlApi implemented in-process over the engines: the server's sweeps, the CLI and remote
 * workers all train through this. It validates the request with core's schemas, prepares the data
 * (cached per dataset, testSize and seed), lets the engine write into a temporary model directory
 * and commits the model with its metadata only when training succeeded.
 */
import { resolve } from 'node:path';
import {
  allAborted,
  type CallOptions,
  DEFAULT_SEED,
  type DistillRequest,
  DistillRequestSchema,
  type DistillResponse,
  type EpochEvent,
  type Framework,
  type GroupOutcome,
  type MlApi,
  MlApiError,
  parseOrThrow,
  type TensorflowTrainRequest,
  TensorflowTrainRequestSchema,
  type TrainRequest,
  TrainRequestSchema,
  type TrainResponse,
  trainingSignal,
} from '@trainyard/core';
import type { ArtifactStore } from './artifacts/artifactStore.js';
import { type CrossValidation, crossValidate } from './crossValidation.js';
import { createDatasetRegistry, type DatasetRegistry } from './datasets/datasetRegistry.js';
import type {
  EarlyStopping,
  Engine,
  EngineGroupOutcome,
  EngineStatus,
  EngineTrainResult,
  ModelParams,
  PreparedData,
} from './engine.js';
import type { ModelMetadata } from './models/modelMetadata.js';
import { createModelStore, type ModelStore } from './models/modelStore.js';
import type { PrepareOptions } from './preprocessing/prepareData.js';
import { createPreparedDataCache } from './preprocessing/preparedDataCache.js';
import { fusedGroups } from './pytorch/fusedGroupSize.js';

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

  /** The engine's params of a request (its seed defaulted). */
  function paramsOf(req: TensorflowTrainRequest | TrainRequest): ModelParams {
    const params: ModelParams = {
      epochs: req.epochs,
      batchSize: req.batchSize,
      learningRate: req.learningRate,
      hiddenDim: req.hiddenDim,
      numHiddenLayers: req.numHiddenLayers,
      dropout: req.dropout,
      seed: req.seed ?? DEFAULT_SEED,
    };
    if ('mode' in req) params.mode = req.mode;
    return params;
  }

  /** A model directory for a request's run and one per epoch checkpoint. */
  async function allocateRun(req: TrainRequest) {
    const main = await models.allocate();
    const checkpoints = await Promise.all((req.epochCheckpoints ?? []).map(() => models.allocate()));
    return { main, checkpoints, all: [main, ...checkpoints] };
  }

  /** Commits a trained run's model and its checkpoints' (each as a separate run would) and answers for them. */
  async function commitRun(
    framework: Framework,
    req: TrainRequest,
    data: PreparedData,
    dirs: Awaited<ReturnType<typeof allocateRun>>,
    result: EngineTrainResult & { val_score_std?: number },
    params: ModelParams = paramsOf(req),
  ): Promise<TrainResponse> {
    const commit = async (
      { modelId }: { modelId: string },
      r: EngineTrainResult & { val_score_std?: number },
      epochs: number,
    ) => {
      const { metric_name, metric_score, train_loss, test_loss } = r;
      await models.commit(modelId, {
        framework,
        kind: 'trained',
        datasetId: req.datasetId,
        task: data.task,
        params: { ...params, epochs },
        preprocessing: data.preprocessing,
        metrics: { metric_name, metric_score, train_loss, test_loss },
        parameterCount: r.parameterCount,
        files: r.files,
        history: r.history,
        durationMs: r.durationMs,
      });
      const response: TrainResponse = {
        framework,
        datasetId: req.datasetId,
        metric_name,
        metric_score,
        train_loss,
        test_loss,
        history: r.history,
        modelId,
        modelPath: models.dir(modelId),
        durationMs: r.durationMs,
        parameterCount: r.parameterCount,
        ...(r.val_score === undefined ? {} : { val_score: r.val_score, val_loss: r.val_loss }),
        ...(r.val_score_std === undefined ? {} : { val_score_std: r.val_score_std }),
        best_epoch: r.best_epoch,
        stopped_epoch: r.stopped_epoch,
        pruned: r.pruned ?? false,
      };
      return response;
    };
    const response = await commit(dirs.main, result, params.epochs);
    if (req.epochCheckpoints) {
      response.checkpoints = [];
      for (const [i, epochs] of req.epochCheckpoints.entries()) {
        response.checkpoints.push(await commit(dirs.checkpoints[i]!, result.checkpoints![i]!, epochs));
      }
    }
    return response;
  }

  /** The engine's shared-prefix checkpoints of a request, into its allocated directories. */
  const checkpointsOf = (req: TrainRequest, dirs: Awaited<ReturnType<typeof allocateRun>>) =>
    req.epochCheckpoints
      ? {
          checkpoints: req.epochCheckpoints.map((epochs, i) => ({
            epochs,
            modelDir: dirs.checkpoints[i]!.dir,
          })),
        }
      : {};

  const earlyStoppingOf = (req: TrainRequest) =>
    req.patience === undefined
      ? {}
      : { earlyStopping: { patience: req.patience, minDelta: req.minDelta ?? 0 } };

  async function train(
    framework: Framework,
    req: TensorflowTrainRequest | TrainRequest,
    o: CallOptions = {},
  ) {
    const params = paramsOf(req);
    const earlyStopping: EarlyStopping | undefined =
      req.patience === undefined ? undefined : { patience: req.patience, minDelta: req.minDelta ?? 0 };
    const data = await prepare(req.datasetId, req.testSize, params.seed, req.validationSize);
    const eng = await engine(framework);
    const signal = trainingSignal(o);
    throwIfAborted(signal);
    // k-fold: the folds first, then the refit below on the whole non-test part (`data`: no validation
    // rows, so no early stopping: it trains the folds' rounded mean best epoch instead).
    const cv =
      req.folds === undefined
        ? undefined
        : await crossValidateRun(framework, eng, { ...req, folds: req.folds }, params, earlyStopping, o);
    if (cv) {
      params.epochs = cv.refitEpochs;
      throwIfAborted(signal);
    }
    const dirs = await allocateRun(req);
    try {
      const trained = await eng.train({
        data,
        params,
        modelDir: dirs.main.dir,
        ...(earlyStopping && !cv ? { earlyStopping } : {}),
        ...checkpointsOf(req, dirs),
        ...(o.onEpoch ? { onEpoch: cv ? (e: EpochEvent) => o.onEpoch?.(cv.refitEvent(e)) : o.onEpoch } : {}),
        ...(signal ? { signal } : {}),
        // A k-fold run has no single validation curve to prune on (sweeps refuse a pruner with folds).
        ...(o.prune && !cv ? { prune: o.prune } : {}),
      });
      const result = cv ? cv.withFolds(trained) : trained;
      return await commitRun(framework, req, data, dirs, result, params);
    } catch (err) {
      // A model already committed stays: it is complete and listed.
      for (const { modelId } of dirs.all) await models.discard(modelId);
      throw userSafe(err, framework, 'training');
    }
  }

  /**
   * Issue 16: the requests as one fused engine group (one data preparation, a model directory per
   * member and per checkpoint, each member committed like `train`); a member's failure is its outcome.
   */
  async function trainGroup(
    framework: Framework,
    reqs: Array<TensorflowTrainRequest | TrainRequest>,
    calls: CallOptions[],
  ): Promise<GroupOutcome[]> {
    const first = reqs[0];
    if (first === undefined) return [];
    checkGroupRequests(reqs);
    const data = await prepare(
      first.datasetId,
      first.testSize,
      first.seed ?? DEFAULT_SEED,
      first.validationSize,
    );
    const eng = await engine(framework);
    const signals = reqs.map((_, i) => trainingSignal(calls[i] ?? {}));
    const groupSignal = allAborted(signals);
    throwIfAborted(groupSignal);
    const dirs = await Promise.all(reqs.map((req) => allocateRun(req)));
    const discard = async (i: number) => {
      for (const { modelId } of dirs[i]!.all) await models.discard(modelId);
    };
    // The engine's measurements decide how many of them fuse (1: compute-bound, one at a time).
    const params = reqs.map(paramsOf);
    const parts =
      framework === 'pytorch'
        ? fusedGroups(data, params)
        : tensorflowGroups(
            params,
            (await import('./tensorflow/fusedGroupSize.js')).maxTensorflowGroupSize,
            data,
          );
    const outcomes: Array<EngineGroupOutcome | undefined> = [];
    for (const part of parts) {
      try {
        const answered = await eng.trainGroup({
          data,
          members: part.map((i) => {
            const call = calls[i] ?? {};
            const signal = signals[i];
            return {
              params: params[i]!,
              modelDir: dirs[i]!.main.dir,
              ...checkpointsOf(reqs[i]!, dirs[i]!),
              ...(call.onEpoch ? { onEpoch: call.onEpoch } : {}),
              ...(signal ? { signal } : {}),
              ...(call.prune ? { prune: call.prune } : {}),
            };
          }),
          ...earlyStoppingOf(first),
          ...(groupSignal ? { signal: groupSignal } : {}),
        });
        for (const [k, i] of part.entries()) outcomes[i] = answered[k];
      } catch (err) {
        // This part did not run (a closed engine, a cancel): its members fail, the other parts stand.
        const error = userSafe(err, framework, 'training');
        for (const i of part) outcomes[i] = { ok: false, error };
      }
    }
    return Promise.all(
      reqs.map(async (req, i): Promise<GroupOutcome> => {
        const outcome = outcomes[i];
        try {
          if (!outcome)
            throw new MlApiError('TRAINING_FAILED', 'The engine answered no result for this model');
          if (!outcome.ok) throw outcome.error;
          return { response: await commitRun(framework, req, data, dirs[i]!, outcome.result) };
        } catch (err) {
          await discard(i);
          const safe = userSafe(err, framework, 'training');
          return { error: safe.message, code: safe.code };
        }
      }),
    );
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
    trainPytorchGroup: async (reqs, calls) =>
      trainGroup(
        'pytorch',
        reqs.map((req) => parseOrThrow(TrainRequestSchema, req)),
        calls,
      ),
    trainTensorflowGroup: async (reqs, calls) =>
      trainGroup(
        'tensorflow',
        reqs.map((req) => parseOrThrow(TensorflowTrainRequestSchema, req)),
        calls,
      ),
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

/**
 * TF.js's groups: members train alone where `maxSize` (maxTensorflowGroupSize, imported with the TF
 * engine) answers 1; the others, ordered by hidden width, are cut into groups of the size it answers
 * for the widest (a group is padded to its widest layer; measured no slower than a group per width on
 * iris 16..64, bench/fused-engines-tf.mjs, since a step's kernels are paid once for all).
 */
function tensorflowGroups(
  params: ModelParams[],
  maxSize: (data: PreparedData, params: ModelParams) => number,
  data: PreparedData,
): number[][] {
  const sizes = params.map((p) => maxSize(data, p));
  const fused = params
    .map((_, i) => i)
    .filter((i) => sizes[i]! > 1)
    .sort((a, b) => params[a]!.hiddenDim - params[b]!.hiddenDim);
  const size = Math.min(...fused.map((i) => sizes[i]!));
  const parts: number[][] = [];
  for (let k = 0; k < fused.length; k += size) parts.push(fused.slice(k, k + size));
  for (const [i, s] of sizes.entries()) if (s === 1) parts.push([i]);
  return parts;
}

/** What a fused group's requests share (one prepared data set, one early-stopping rule); the engine checks the rest. */
const GROUP_REQUEST_FIELDS = [
  'datasetId',
  'testSize',
  'seed',
  'validationSize',
  'patience',
  'minDelta',
] as const;

/** @example checkGroupRequests([a, { ...a, testSize: 0.3 }]) // throws 'Invalid testSize: 0.3 (the same in every request of a fused group: request 1 has 0.2)' */
function checkGroupRequests(reqs: TrainRequest[]): void {
  const first = reqs[0]!;
  for (const [i, req] of reqs.entries()) {
    for (const field of GROUP_REQUEST_FIELDS) {
      if (req[field] !== first[field])
        throw new MlApiError(
          'VALIDATION',
          `Invalid ${field}: ${String(req[field])} (the same in every request of a fused group: request 1 has ${String(first[field])}, request ${i + 1} differs)`,
          { field },
        );
    }
  }
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
