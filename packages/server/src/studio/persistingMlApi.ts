import { randomUUID } from 'node:crypto';
import {
  type CallOptions,
  DEFAULT_SEED,
  type DistillRequest,
  type DistillResponse,
  type Framework,
  type GroupOutcome,
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
  /** Each stored run's id as soon as it exists, with its grid position (a request's epoch checkpoints are runs too). */
  onRunStart?: (runId: string, combinationIndex: number) => void;
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

/** One stored run of a training: the request's own, or one of its epoch checkpoints'. */
interface StartedRun {
  runId: string;
  epochs: number;
  combinationIndex?: number;
  /** This run's stop, joined with the shutdown's. */
  signal: AbortSignal;
}

/** An MlApi whose every training and distillation leaves a stored run row, whatever happens to the caller. */
export interface PersistingMlApi extends MlApi {
  train(
    framework: Framework,
    req: TensorflowTrainRequest | TrainRequest,
    o?: CallOptions,
    tag?: RunTag,
  ): Promise<TrainResponse>;
  /**
   * Issue 16: trains the requests as one fused group, one stored run per request and per epoch
   * checkpoint (`tags[i]` places request i in its sweep); a member's failure or stop is its outcome.
   */
  trainGroup?(
    framework: Framework,
    reqs: Array<TensorflowTrainRequest | TrainRequest>,
    calls: CallOptions[],
    tags?: Array<RunTag | undefined>,
  ): Promise<GroupOutcome[]>;
  /** Whether a sweep may share trainings through this api (fused groups, epoch prefixes); false in distributed mode. */
  readonly sharesTrainings: boolean;
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
  const localGroup = {
    pytorch: local.trainPytorchGroup?.bind(local),
    tensorflow: local.trainTensorflowGroup?.bind(local),
  };
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

  const modeOf = (framework: Framework, req: TensorflowTrainRequest | TrainRequest) =>
    framework === 'tensorflow' ? ((req as TensorflowTrainRequest).mode ?? 'mlp') : undefined;

  /**
   * Stores a 'running' row for a request and one per epoch checkpoint (each its own combination and
   * grid position), and answers the call options the local api trains with: each run's signal joined
   * with the shutdown's.
   */
  const startRuns = async (
    framework: Framework,
    req: TensorflowTrainRequest | TrainRequest,
    o: CallOptions,
    signal: AbortSignal,
    tag: RunTag | undefined,
  ): Promise<{ runs: StartedRun[]; call: CallOptions }> => {
    const mode = modeOf(framework, req);
    const counts = [req.epochs, ...(req.epochCheckpoints ?? [])];
    const runs: StartedRun[] = counts.map((epochs, k) => {
      const own = k === 0 ? undefined : o.checkpoints?.[k - 1]?.signal;
      const index = k === 0 ? tag?.combinationIndex : req.checkpointIndexes?.[k - 1];
      return {
        runId: newId(),
        epochs,
        signal: own ? AbortSignal.any([stopping.signal, own]) : signal,
        ...(tag && index !== undefined ? { combinationIndex: index } : {}),
      };
    });
    for (const run of runs) {
      await store.runs.insert({
        id: run.runId,
        framework,
        kind: 'train',
        ...(mode ? { mode } : {}),
        datasetId: req.datasetId,
        seed: req.seed ?? DEFAULT_SEED,
        combination: { ...req, epochs: run.epochs },
        ...(tag && run.combinationIndex !== undefined
          ? { sweepId: tag.sweepId, combinationIndex: run.combinationIndex }
          : {}),
        createdAt: now().toISOString(),
      });
      if (run.combinationIndex !== undefined) tag?.onRunStart?.(run.runId, run.combinationIndex);
    }
    const call: CallOptions = {
      signal,
      ...(o.onEpoch ? { onEpoch: o.onEpoch } : {}),
      ...(o.prune ? { prune: o.prune } : {}),
      ...(runs.length > 1 ? { checkpoints: runs.slice(1).map((r) => ({ signal: r.signal })) } : {}),
    };
    return { runs, call };
  };

  /** Removes a model the store must not keep (a cancelled or pruned run's), reporting a failure. */
  const dropModel = async (modelId: string, why: string) => {
    try {
      await options.removeModel?.(modelId);
      return true;
    } catch (err) {
      options.onError?.(err, `removing model ${modelId} of ${why}`);
      return false;
    }
  };

  /** Ends one stored run with its training's answer: completed, or failed when it was stopped. */
  const finishRun = async (
    run: StartedRun,
    res: TrainResponse,
    chained: boolean,
    tag: RunTag | undefined,
  ): Promise<TrainResponse> => {
    const stop = stopOf(run.signal);
    // The cancel landed as the engine finished saving, or this run of a prefix chain was stopped while
    // the training went on for the others: the run reads stopped and keeps no model.
    if (stop?.reason === 'cancelled' || (stop && chained)) {
      await dropModel(res.modelId, `stopped run ${run.runId}`);
      const error = stop.reason === 'cancelled' ? new MlApiError('CANCELLED', 'Training cancelled') : stop;
      await fail(run.runId, error, run.signal);
      throw error;
    }
    await store.runs.complete(run.runId, { ...res, finishedAt: now().toISOString() });
    if (res.pruned && tag?.dropPrunedModel && options.removeModel) {
      // The row keeps its metrics; only the model goes (files first, as DELETE /api/models does).
      if (await dropModel(res.modelId, `pruned run ${run.runId}`)) {
        await store.runs.forgetModel(res.modelId).catch((err: unknown) => {
          options.onError?.(err, `forgetting pruned model ${res.modelId}`);
        });
      }
      return { ...res, runId: run.runId };
    }
    await indexModel(res.modelId, run.runId);
    return { ...res, runId: run.runId };
  };

  /**
   * Ends a request's runs with its answer (its checkpoints' runs with theirs): the response with each
   * run id; rejects when the request's own run did not complete.
   */
  const finishRuns = async (runs: StartedRun[], res: TrainResponse, tag: RunTag | undefined) => {
    const [lead, ...shorter] = runs;
    if (shorter.length === 0) return finishRun(lead!, res, false, tag);
    // A prefix chain: each run ends on its own (a stopped one is failed by finishRun and its caller,
    // who sees its signal, reads it so); the answer carries every run id.
    const each = async (run: StartedRun, answer: TrainResponse | undefined) => {
      if (!answer) {
        const missing = new MlApiError('TRAINING_FAILED', 'The engine answered no checkpoint for this run');
        await fail(run.runId, missing, run.signal);
        return undefined;
      }
      return finishRun(run, answer, true, tag).catch(() => ({ ...answer, runId: run.runId }));
    };
    const checkpoints: TrainResponse[] = [];
    for (const [k, run] of shorter.entries()) {
      // A missing answer keeps its place (read as malformed by the orchestrator, so failed there too).
      checkpoints.push((await each(run, res.checkpoints?.[k])) ?? ({ runId: run.runId } as TrainResponse));
    }
    return { ...((await each(lead!, res)) ?? res), checkpoints };
  };

  const failRuns = async (runs: StartedRun[], err: unknown) => {
    for (const run of runs) await fail(run.runId, err, run.signal);
  };

  const localTrain = (framework: Framework, req: TensorflowTrainRequest | TrainRequest, call: CallOptions) =>
    framework === 'pytorch'
      ? local.trainPytorch(req, call)
      : local.trainTensorflow({ ...req, mode: modeOf(framework, req) ?? 'mlp' }, call);

  const train: PersistingMlApi['train'] = (framework, req, o = {}, tag) =>
    schedule(o.signal, async (signal) => {
      const { runs, call } = await startRuns(framework, req, o, signal, tag);
      let res: TrainResponse;
      try {
        res = await localTrain(framework, req, call);
      } catch (err) {
        await failRuns(runs, err);
        throw err;
      }
      return finishRuns(runs, res, tag);
    });

  const trainGroup: NonNullable<PersistingMlApi['trainGroup']> = (framework, reqs, calls, tags = []) =>
    schedule(undefined, async (shutdown) => {
      const group = framework === 'pytorch' ? localGroup.pytorch : localGroup.tensorflow;
      if (!group) throw new MlApiError('ENGINE_UNAVAILABLE', 'This backend trains no fused groups');
      const started = [];
      for (const [i, req] of reqs.entries()) {
        const o = calls[i] ?? {};
        const signal = o.signal ? AbortSignal.any([shutdown, o.signal]) : shutdown;
        started.push(await startRuns(framework, req, o, signal, tags[i]));
      }
      let outcomes: GroupOutcome[];
      try {
        outcomes = await group(
          reqs.map((req) =>
            framework === 'tensorflow' ? { ...req, mode: modeOf(framework, req) ?? 'mlp' } : req,
          ),
          started.map((s) => s.call),
        );
      } catch (err) {
        for (const { runs } of started) await failRuns(runs, err);
        throw err;
      }
      return Promise.all(
        started.map(async ({ runs }, i): Promise<GroupOutcome> => {
          const outcome = outcomes[i];
          if (outcome && 'response' in outcome) {
            try {
              return { response: await finishRuns(runs, outcome.response, tags[i]) };
            } catch (err) {
              return {
                error: err instanceof Error ? err.message : String(err),
                code: (err as MlApiError).code,
              };
            }
          }
          const failure = outcome ?? { error: 'The engine answered no result for this model' };
          const err = new MlApiError(
            (failure.code as MlApiError['code'] | undefined) ?? 'TRAINING_FAILED',
            failure.error,
          );
          await failRuns(runs, err);
          return { error: err.message, code: err.code };
        }),
      );
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
    trainGroup,
    sharesTrainings: true,
    ...(localGroup.pytorch ? { trainPytorchGroup: (reqs, calls) => trainGroup('pytorch', reqs, calls) } : {}),
    ...(localGroup.tensorflow
      ? { trainTensorflowGroup: (reqs, calls) => trainGroup('tensorflow', reqs, calls) }
      : {}),
    distillPytorch: (req, o) => distill('pytorch', req, o),
    distillTensorflow: (req, o) => distill('tensorflow', req, o),
    async shutdown() {
      // Trainings waiting in an engine's slot pool leave it on the abort and reject like running ones.
      stopping.abort(new RunStop('interrupted'));
      await Promise.allSettled([...inFlight]);
    },
  };
}
