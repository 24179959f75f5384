import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { createLocalMlApi } from '@trainyard/trainers';
import { createQueueMlApi, DISTRIBUTED_SWEEP_WINDOW } from '../distributed/createQueueMlApi.js';
import { type QueueConfig, queueConfigFromEnv } from '../distributed/queueConfig.js';
import { artifactsFromEnv } from '../store/artifactsFromEnv.js';
import { createStore, type Store } from '../store/createStore.js';
import { isProcessOwnerAlive, type ProcessOwner, sameProcessOwner } from '../store/processOwner.js';
import { storeTargetFromEnv } from '../store/storeTarget.js';
import { interruptOrphans, type OrphansInterrupted, type OwnerCheck } from './interruptOrphans.js';
import type { StudioLocalApi } from './localApi.js';
import { createPersistingMlApi, type PersistingMlApi } from './persistingMlApi.js';
import { reconcileStore } from './reconcileStore.js';
import { removeModel as removeStoredModel } from './removeModel.js';
import { createSweepService, type SweepService } from './sweepService.js';
import { toModelSummary } from './toModelSummary.js';

export interface StudioOptions {
  /** Data directory (store, datasets, models). Default TRAINYARD_HOME, else ./.trainyard. */
  home?: string;
  /**
   * Trainings at once per engine (its slot pool, the one cap), and a sweep's default parallel
   * combinations. Default: the machine's cores.
   */
  concurrency?: number;
  /** The trainers' local api; created over `home` when not given (tests may pass one). */
  api?: StudioLocalApi;
  /** Where unexpected background errors go (the server passes its logger). */
  onError?: (err: unknown, context: string) => void;
  /** Who this studio's runs and sweeps are recorded as executed by. Default: this process. */
  owner?: ProcessOwner;
  /** Whether another owner still executes its work. Default: its pid and start time say so. */
  isOwnerAlive?: OwnerCheck;
  /**
   * Distributed mode: sweep combinations go to `trainyard worker`s through this queue. Default: from
   * the environment (TRAINYARD_REDIS_URL, see queueConfigFromEnv); null keeps training here.
   */
  queue?: QueueConfig | null;
}

/** Everything the HTTP app and the CLI's embedded mode share: store, persisting api, durable sweeps. */
export interface Studio {
  readonly home: string;
  /** MlApi that stores every run and model it produces. */
  readonly api: PersistingMlApi;
  /** The trainers' local api: registry, models, engine status. */
  readonly local: StudioLocalApi;
  readonly store: Store;
  readonly sweeps: SweepService;
  readonly concurrency: number;
  datasetExists(datasetId: string): Promise<boolean>;
  /**
   * Marks what processes that are gone left running as interrupted (start-up does it; call it again
   * when a row another process owned still reads 'running').
   */
  interruptOrphans(): Promise<OrphansInterrupted>;
  /** Stops sweeps and trainings (marking them interrupted), then closes the engines and the store. */
  close(): Promise<void>;
}

/**
 * Opens the studio over a data directory: migrates the store, marks what a crashed process left
 * running as interrupted (never what another live process on the same home is running), reconciles
 * the model index with the files, and wires sweeps over the persisting api.
 *
 * @example const studio = await createStudio({ home: '/tmp/ty' }); await studio.sweeps.create(fields);
 */
export async function createStudio(options: StudioOptions = {}): Promise<Studio> {
  const home = resolve(options.home ?? process.env.TRAINYARD_HOME ?? '.trainyard');
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `Studio concurrency must be a whole number of at least 1, got ${String(options.concurrency)}`,
    );
  }
  const queue = options.queue === undefined ? queueConfigFromEnv() : (options.queue ?? undefined);
  const onError = options.onError ?? ((err, context) => console.error(`[trainyard] ${context}:`, err));
  // TRAINYARD_ARTIFACTS: model folders are also stored where every machine reaches them.
  const artifacts = artifactsFromEnv();
  const local: StudioLocalApi =
    options.api ??
    createLocalMlApi({
      home,
      pytorchSlots: concurrency,
      tensorflowSlots: concurrency,
      ...(artifacts ? { artifacts } : {}),
    });
  // TRAINYARD_DATABASE_URL moves the store to PostgreSQL; unset, it is <home>/trainyard.db.
  const store = await createStore({
    ...storeTargetFromEnv(home),
    onError,
    ...(options.owner ? { owner: options.owner } : {}),
  });
  const probe = options.isOwnerAlive ?? ((owner: ProcessOwner) => isProcessOwnerAlive(owner, store.owner));
  const isOwnerAlive: OwnerCheck = (owner) => sameProcessOwner(owner, store.owner) || probe(owner);
  const repaired = await reconcileStore(store, local, isOwnerAlive);

  const describeModel = async (modelId: string) => {
    try {
      const meta = await local.models.get(modelId);
      return meta && toModelSummary(meta);
    } catch (err) {
      if (err instanceof MlApiError && err.code === 'NOT_FOUND') return undefined;
      throw err;
    }
  };
  const removeModel = (modelId: string) => local.models.remove(modelId);
  const persisting = createPersistingMlApi({ local, store, describeModel, removeModel, onError });
  const queued = queue && createQueueMlApi({ config: queue, local: persisting, store, onError });
  const api = queued || persisting;
  const datasetExists = async (datasetId: string) => {
    try {
      await local.registry.get(datasetId);
      return true;
    } catch (err) {
      if (err instanceof MlApiError && err.code === 'NOT_FOUND') return false;
      throw err;
    }
  };
  const sweeps = createSweepService({
    store,
    api,
    // Distributed, the workers' slots are the cap: a sweep hands them all its combinations at once.
    defaultConcurrency: queued ? DISTRIBUTED_SWEEP_WINDOW : concurrency,
    datasetExists,
    isOwnerAlive,
    onError,
    // A sweep deleted with its models: files, index row and the runs' references (one removeModel).
    removeModel: (modelId) => removeStoredModel({ local, store }, modelId),
  });

  if (queued) {
    // The workers kept training what a stopped API server had queued: follow those sweeps again.
    // Their jobs are found by id, not added twice; what Redis lost is added again.
    const follow = new Set([...repaired.interruptedSweeps, ...(await queued.sweepsWithQueuedWork())]);
    for (const id of follow) {
      if ((await store.sweeps.get(id))?.status !== 'interrupted') continue;
      await sweeps.resume(id).catch((err: unknown) => onError(err, `following sweep ${id}`));
    }
  }

  let closing: Promise<void> | undefined;
  return {
    home,
    api,
    local,
    store,
    sweeps,
    concurrency,
    datasetExists,
    interruptOrphans: () => interruptOrphans(store, isOwnerAlive, new Date().toISOString()),
    close() {
      closing ??= (async () => {
        // The api stops first so every training it aborts is recorded as 'interrupted', not cancelled.
        const stopping = api.shutdown();
        await sweeps.close();
        await stopping;
        await queued?.close();
        await local.close();
        await store.close();
      })();
      return closing;
    },
  };
}
