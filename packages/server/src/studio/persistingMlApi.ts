import { randomUUID } from 'node:crypto';
import {
  type CallOptions,
  DEFAULT_SEED,
  type DistillRequest,
  type DistillResponse,
  type Framework,
  type MlApi,
  MlApiError,
  type ModelSummary,
  RunStop,
  stopOf,
  type TensorflowTrainRequest,
  type TrainRequest,
  type TrainResponse,
} from '@trainyard/core';
import { checkTeacher } from '@trainyard/trainers';
import type { Store } from '../store/createStore.js';

/** Where a run sits in a durable sweep, and who wants to know its id as soon as it exists. */
export interface RunTag {
  sweepId: string;
  combinationIndex: number;
  onRunStart?: (runId: string) => void;
  /** A pruned run's model is removed (needs `removeModel`): the sweep did not ask to keep them. */
  dropPrunedModel?: boolean;
}

export interface PersistingMlApiOptions {
  /** The trainers' in-process api that really trains. */
  local: MlApi;
  store: Store;
  /** Describes a saved model for the store's index (the trainers' model store). */
  describeModel: (modelId: string) => Promise<ModelSummary | undefined>;
  /**
   * Deletes a saved model's files (the trainers' model store): pruned runs' models, and the model of
   * a training that finished saving just as it was cancelled (a cancel keeps no model).
   */
  removeModel?: (modelId: string) => Promise<void>;
  newId?: () => string;
  now?: () => Date;
  /** Background problems that must not fail a finished training (e.g. indexing its model). */
  onError?: (err: unknown, context: string) => void;
}

/** An MlApi whose every training and distillation leaves a stored run row, whatever happens to the caller. */
export interface PersistingMlApi extends MlApi {
  train(
    framework: Framework,
    req: TensorflowTrainRequest | TrainRequest,
    o?: CallOptions,
    tag?: RunTag,
  ): Promise<TrainResponse>;
  /** Stops taking work and aborts every training in flight; their rows end as failed 'interrupted'. */
  shutdown(): Promise<void>;
}

/**
 * Wraps the local api so a run row is written ('running') when a training starts and updated when it
 * ends: completed with metrics, model and history, or failed with DR-003 'n/a' metrics, the reason
 * and, when it was stopped rather than failing, why (cancelled, interrupted, stopped early). It queues
 * nothing itself: the engines' slot pools are the one cap on trainings running at once.
 *
 * @example const api = createPersistingMlApi({ local, store, describeModel });
 */
export function createPersistingMlApi(options: PersistingMlApiOptions): PersistingMlApi {
  const { local, store, describeModel } = options;
  const newId = options.newId ?? (() => randomUUID());
  const now = options.now ?? (() => new Date());
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();

  /**
   * Records a run that ended without a result: the engine's user-safe reason, or why it was
   * stopped (a cancel keeps the engine's own words, e.g. 'Training cancelled').
   */
  const fail = (runId: string, err: unknown, signal: AbortSignal) => {
    const stop = stopOf(signal);
    const engineSays = err instanceof MlApiError ? err.message : undefined;
    const error =
      (stop?.reason === 'cancelled' ? engineSays : undefined) ??
      stop?.message ??
      engineSays ??
      'Training failed unexpectedly (details in the server log)';
    return store.runs.fail(runId, error, now().toISOString(), undefined, stop?.reason);
  };

  // The run is already stored as completed; a model the index misses is indexed at the next start.
  const indexModel = async (modelId: string, runId: string) => {
    try {
      const summary = await describeModel(modelId);
      if (summary) await store.models.put({ ...summary, runId });
    } catch (err) {
      options.onError?.(err, `indexing model ${modelId}`);
    }
  };

  /** Runs `work` with the caller's and the shutdown signal combined, tracked until it settles. */
  const schedule = async <T>(
    signal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    if (stopping.signal.aborted) {
      throw new MlApiError(
        'ENGINE_UNAVAILABLE',
        'The studio is shutting down; no new trainings are accepted',
      );
    }
    // Listed first: when both have fired, a training cut by the shutdown reads 'interrupted'.
    const combined = signal ? AbortSignal.any([stopping.signal, signal]) : stopping.signal;
    if (combined.aborted) throw new MlApiError('CANCELLED', 'Training cancelled before it started');
    const task = work(combined);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task)).catch(() => {});
    return task;
  };

  const train: PersistingMlApi['train'] = (framework, req, o = {}, tag) =>
    schedule(o.signal, async (signal) => {
      const runId = newId();
      const mode = framework === 'tensorflow' ? ((req as TensorflowTrainRequest).mode ?? 'mlp') : undefined;
      await store.runs.insert({
        id: runId,
        framework,
        kind: 'train',
        ...(mode ? { mode } : {}),
        datasetId: req.datasetId,
        seed: req.seed ?? DEFAULT_SEED,
        combination: req,
        ...(tag ? { sweepId: tag.sweepId, combinationIndex: tag.combinationIndex } : {}),
        createdAt: now().toISOString(),
      });
      tag?.onRunStart?.(runId);
      const call: CallOptions = {
        signal,
        ...(o.onEpoch ? { onEpoch: o.onEpoch } : {}),
        ...(o.prune ? { prune: o.prune } : {}),
      };
      let res: TrainResponse;
      try {
        res =
          framework === 'pytorch'
            ? await local.trainPytorch(req, call)
            : await local.trainTensorflow({ ...req, mode: mode ?? 'mlp' }, call);
      } catch (err) {
        await fail(runId, err, signal);
        throw err;
      }
      if (stopOf(signal)?.reason === 'cancelled') {
        // The cancel landed as the engine finished saving: the run reads cancelled and keeps no model.
        await options.removeModel?.(res.modelId).catch((err: unknown) => {
          options.onError?.(err, `removing model ${res.modelId} of cancelled run ${runId}`);
        });
        const stop = new MlApiError('CANCELLED', 'Training cancelled');
        await fail(runId, stop, signal);
        throw stop;
      }
      await store.runs.complete(runId, { ...res, finishedAt: now().toISOString() });
      if (res.pruned && tag?.dropPrunedModel && options.removeModel) {
        // The row keeps its metrics; only the model goes (files first, as DELETE /api/models does).
        try {
          await options.removeModel(res.modelId);
          await store.runs.forgetModel(res.modelId);
        } catch (err) {
          options.onError?.(err, `removing pruned model ${res.modelId}`);
        }
        return { ...res, runId };
      }
      await indexModel(res.modelId, runId);
      return { ...res, runId };
    });

  const distill = (
    framework: Framework,
    req: DistillRequest,
    o: CallOptions = {},
  ): Promise<DistillResponse> =>
    schedule(o.signal, async (signal) => {
      const teacher = checkTeacher(
        (await store.models.get(req.teacherModelId)) ?? (await describeModel(req.teacherModelId)),
        framework,
        req,
      );
      const runId = newId();
      await store.runs.insert({
        id: runId,
        framework,
        kind: 'distill',
        datasetId: teacher.datasetId,
        seed: req.seed ?? DEFAULT_SEED,
        combination: { ...req, testSize: teacher.params.testSize, dropout: req.dropout ?? 0 },
        createdAt: now().toISOString(),
      });
      const call: CallOptions = { signal, ...(o.onEpoch ? { onEpoch: o.onEpoch } : {}) };
      let res: DistillResponse;
      try {
        res =
          framework === 'pytorch'
            ? await local.distillPytorch(req, call)
            : await local.distillTensorflow(req, call);
      } catch (err) {
        await fail(runId, err, signal);
        throw err;
      }
      const m = res.metrics;
      await store.runs.complete(runId, {
        metric_name: m.metric_name,
        metric_score: m.student_score,
        train_loss: m.train_loss,
        test_loss: m.test_loss,
        modelId: res.modelId,
        modelPath: res.modelPath,
        parameterCount: m.student_parameters,
        durationMs: res.durationMs,
        history: res.history,
        finishedAt: now().toISOString(),
      });
      await indexModel(res.modelId, runId);
      return { ...res, runId };
    });

  return {
    getDatasetManifest: () => local.getDatasetManifest(),
    getDatasetRows: (id, page) => local.getDatasetRows(id, page),
    train,
    trainPytorch: (req, o) => train('pytorch', req, o),
    trainTensorflow: (req, o) => train('tensorflow', req, o),
    distillPytorch: (req, o) => distill('pytorch', req, o),
    distillTensorflow: (req, o) => distill('tensorflow', req, o),
    async shutdown() {
      // Trainings waiting in an engine's slot pool leave it on the abort and reject like running ones.
      stopping.abort(new RunStop('interrupted'));
      await Promise.allSettled([...inFlight]);
    },
  };
}
