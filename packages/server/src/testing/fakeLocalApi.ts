/**
 * The trainers' local api with a FAKE engine, for unit tests only (excluded from the build): the
 * real dataset registry and real model store, but "training" only waits a few milliseconds, honours
 * abort signals, writes a tiny model file, and records what it was asked to train.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CallOptions,
  DEFAULT_SEED,
  type DistillRequest,
  type Framework,
  type GroupOutcome,
  MlApiError,
  type TensorflowTrainRequest,
  type TrainRequest,
  type TrainResponse,
  trainingSignal,
} from '@trainyard/core';
import { createDatasetRegistry, createModelStore } from '@trainyard/trainers';
import type { Store } from '../store/createStore.js';
import type { StudioLocalApi } from '../studio/localApi.js';
import { createPersistingMlApi } from '../studio/persistingMlApi.js';
import { toModelSummary } from '../studio/toModelSummary.js';

export interface FakeOptions {
  home: string;
  delayMs?: number;
  /** A message makes that request fail as TRAINING_FAILED; an MlApiError is thrown as it is. */
  failWhen?: (req: TrainRequest) => string | MlApiError | undefined;
  /** The validation score of an epoch, reported when the request has a validation split (default 0.5). */
  valScore?: (req: TrainRequest, epoch: number) => number;
  /** Also train fused groups (trainPytorchGroup, trainTensorflowGroup), each member as a separate run. */
  groups?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const cancelled = () => new MlApiError('CANCELLED', 'Training cancelled');
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(cancelled());
      },
      { once: true },
    );
  });

export function createFakeLocalApi(opts: FakeOptions) {
  const delayMs = opts.delayMs ?? 5;
  const registry = createDatasetRegistry({ home: opts.home });
  const models = createModelStore({ home: opts.home });
  const trained: TrainRequest[] = [];
  const groups: TrainRequest[][] = [];
  const startWaiters: Array<(req: TrainRequest) => void> = [];
  let running = 0;
  let maxRunning = 0;

  /** A fake model of `epochs` (at most 3 trained) committed to the real model store. */
  const commitFake = async (
    framework: Framework,
    req: TrainRequest,
    epochs: number,
    stopped: number,
    valScore: number | undefined,
  ): Promise<TrainResponse> => {
    const dataset = registry.get(req.datasetId);
    const { modelId, dir } = await models.allocate();
    await writeFile(join(dir, 'model.json'), '{"fake":true}\n');
    const metrics = {
      metric_name: 'accuracy' as const,
      metric_score: 0.9,
      train_loss: 0.3,
      test_loss: 0.35,
    };
    const {
      testSize,
      datasetId,
      seed = DEFAULT_SEED,
      epochCheckpoints: _c,
      checkpointIndexes: _i,
      ...params
    } = req;
    await models.commit(modelId, {
      framework,
      kind: 'trained',
      datasetId,
      task: dataset.task,
      params: { ...params, epochs: req.epochs, seed },
      preprocessing: { testSize } as never,
      metrics,
      parameterCount: 100,
      history: [],
      durationMs: delayMs,
    });
    return {
      framework,
      datasetId,
      ...metrics,
      history: [],
      modelId,
      modelPath: models.dir(modelId),
      durationMs: delayMs,
      parameterCount: 100,
      ...(valScore === undefined ? {} : { val_score: valScore, val_loss: 1 - valScore }),
      best_epoch: stopped,
      stopped_epoch: stopped,
      pruned: stopped < epochs,
    };
  };

  /** One fake training (its epoch checkpoints answered too, as the engines do). */
  const trainOne = async (
    framework: Framework,
    req: TrainRequest,
    o: CallOptions = {},
  ): Promise<TrainResponse> => {
    registry.get(req.datasetId);
    const signal = trainingSignal(o);
    const epochs = Math.min(req.epochs, 3);
    const validated = (req.validationSize ?? 0) > 0;
    let stopped = epochs;
    let valScore: number | undefined;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      await sleep(delayMs, signal);
      valScore = validated ? (opts.valScore?.(req, epoch) ?? 0.5) : undefined;
      const val = valScore === undefined ? {} : { val_loss: 1 - valScore, val_score: valScore };
      o.onEpoch?.({ epoch, epochs, train_loss: 1 / epoch, test_loss: 1.1 / epoch, ...val });
      // Like the engines: a prune asked during an epoch ends the run after it.
      if (o.prune?.aborted && epoch < epochs) {
        stopped = epoch;
        break;
      }
    }
    const failure = opts.failWhen?.(req);
    if (failure instanceof MlApiError) throw failure;
    if (failure) throw new MlApiError('TRAINING_FAILED', failure);
    const response = await commitFake(framework, req, epochs, stopped, valScore);
    if (req.epochCheckpoints) {
      response.checkpoints = [];
      for (const e of req.epochCheckpoints) {
        const capped = Math.min(e, 3);
        response.checkpoints.push(
          await commitFake(framework, { ...req, epochs: e }, capped, capped, valScore),
        );
      }
    }
    trained.push(req);
    return response;
  };

  const train = async (
    framework: Framework,
    req: TrainRequest,
    o: CallOptions = {},
  ): Promise<TrainResponse> => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    for (const w of startWaiters.splice(0)) w(req);
    try {
      return await trainOne(framework, req, o);
    } finally {
      running--;
    }
  };

  /** A fused group: one training slot, each member its own fake run and outcome. */
  const trainGroup = async (
    framework: Framework,
    reqs: TrainRequest[],
    calls: CallOptions[],
  ): Promise<GroupOutcome[]> => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    groups.push(reqs);
    for (const w of startWaiters.splice(0)) w(reqs[0]!);
    try {
      return await Promise.all(
        reqs.map((req, i) =>
          trainOne(framework, req, calls[i]).then(
            (response): GroupOutcome => ({ response }),
            (err: MlApiError): GroupOutcome => ({ error: err.message, code: err.code }),
          ),
        ),
      );
    } finally {
      running--;
    }
  };
  const noDistill = async (_req: DistillRequest): Promise<never> => {
    throw new MlApiError('TRAINING_FAILED', 'The fake engine does not distil');
  };

  const api: StudioLocalApi = {
    getDatasetManifest: async () => registry.list(),
    getDatasetRows: (id, page) => registry.rows(id, page),
    trainPytorch: (req, o) => train('pytorch', req, o),
    trainTensorflow: (req: TensorflowTrainRequest, o) => train('tensorflow', req, o),
    ...(opts.groups
      ? {
          trainPytorchGroup: (reqs, calls) => trainGroup('pytorch', reqs, calls),
          trainTensorflowGroup: (reqs, calls) => trainGroup('tensorflow', reqs, calls),
        }
      : {}),
    distillPytorch: noDistill,
    distillTensorflow: noDistill,
    registry,
    models,
    status: async () => ({
      pytorch: { available: true, message: 'fake engine' },
      tensorflow: { available: true, message: 'fake engine' },
    }),
    close: async () => {},
  };
  return {
    api,
    trained,
    /** The requests of each fused group trained (with `groups`). */
    groups,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    /** Resolves the next time a training starts. */
    nextStart: () => new Promise<TrainRequest>((resolve) => startWaiters.push(resolve)),
  };
}

/** The studio's persisting api over a fake local api, as createStudio builds it (models indexed and removed for real). */
export function persistingOverFake(local: ReturnType<typeof createFakeLocalApi>, store: Store) {
  return createPersistingMlApi({
    local: local.api,
    store,
    removeModel: (id) => local.api.models.remove(id),
    describeModel: async (id) => {
      const meta = await local.api.models.get(id);
      return meta && toModelSummary(meta);
    },
  });
}
