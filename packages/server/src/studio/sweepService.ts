import { randomUUID } from 'node:crypto';
import {
  type EpochEvent,
  MlApiError,
  runPytorchTraining,
  runTensorflowTraining,
  type SweepFields,
  type SweepRecord,
  type SweepStatus,
  type TrainRequest,
} from '@trainyard/core';
import type { Store } from '../store/createStore.js';
import type { SweepRun } from '../store/runStore.js';
import { parseSweepFields } from './parseSweepFields.js';
import { DEFAULT_SEED, type PersistingMlApi } from './persistingMlApi.js';
import { SweepEvents, type SweepListener } from './sweepEvents.js';

export interface SweepServiceOptions {
  store: Store;
  api: PersistingMlApi;
  /** Parallel combinations of a sweep that names no `concurrency`. */
  defaultConcurrency: number;
  datasetExists: (datasetId: string) => Promise<boolean>;
  newId?: () => string;
  now?: () => number;
  /** Minimum gap between two epoch events of one run (the last epoch always passes). */
  epochThrottleMs?: number;
  onError?: (err: unknown, context: string) => void;
}

/** Durable sweeps: recorded in the store, run on the server, followed over events. */
export interface SweepService {
  /** Validates the raw fields, records the sweep and starts it. */
  create(fields: SweepFields): Promise<SweepRecord>;
  get(id: string): Promise<SweepRecord | undefined>;
  list(): Promise<SweepRecord[]>;
  /** Every attempt of every combination, in grid order. */
  runs(id: string): Promise<SweepRun[]>;
  /** Live events only; see `follow` for a late subscriber. */
  subscribe(id: string, listener: SweepListener): () => void;
  /** Current progress and finished rows first, then live events, `done` last. */
  follow(id: string, listener: SweepListener): Promise<() => void>;
  cancel(id: string): Promise<SweepRecord>;
  /** Trains again only the combinations without a completed row. */
  resume(id: string): Promise<SweepRecord>;
  whenDone(id: string): Promise<SweepRecord>;
  isActive(id: string): boolean;
  /** Stops every running sweep, leaving it `interrupted` (the studio calls this on shutdown). */
  close(): Promise<void>;
}

interface Active {
  controller: AbortController;
  /** Set before aborting so the sweep ends with the right status. */
  stopReason?: 'cancelled' | 'interrupted';
  done: Promise<void>;
}

/**
 * Runs each combination through the core orchestrator as a slice of one, from a shared queue, with
 * `concurrency` slices in flight. Slices of one keep every run tied to its combination index (rows are
 * stored and listed in grid order whatever order they finish in) and balance uneven run times better
 * than fixed partitions would.
 */
export function createSweepService(options: SweepServiceOptions): SweepService {
  const { store, api, datasetExists } = options;
  const newId = options.newId ?? (() => randomUUID());
  const now = options.now ?? Date.now;
  const throttleMs = options.epochThrottleMs ?? 100;
  const onError = options.onError ?? (() => {});
  const events = new SweepEvents((err) => onError(err, 'sweep event listener'));
  const active = new Map<string, Active>();
  let closing = false;

  const iso = () => new Date(now()).toISOString();
  const mustGet = async (id: string) => {
    const rec = await store.sweeps.get(id);
    if (!rec)
      throw new MlApiError('NOT_FOUND', `No sweep with id "${id}" (GET /api/sweeps lists them)`, {
        field: 'id',
      });
    return rec;
  };
  const refuseWhenClosing = () => {
    if (closing)
      throw new MlApiError('ENGINE_UNAVAILABLE', 'The studio is shutting down; no new sweeps are started');
  };

  const runCombination = async (rec: SweepRecord, index: number, signal: AbortSignal) => {
    const { fields } = rec;
    let runId: string | undefined;
    let lastEpochAt = Number.NEGATIVE_INFINITY;
    const onEpoch = (e: EpochEvent) => {
      const t = now();
      if (t - lastEpochAt < throttleMs && e.epoch < e.epochs) return;
      lastEpochAt = t;
      events.emit(rec.id, { type: 'epoch', combinationIndex: index, ...(runId ? { runId } : {}), ...e });
    };
    const tag = { sweepId: rec.id, combinationIndex: index, onRunStart: (id: string) => (runId = id) };
    const request = (req: TrainRequest) => ({ ...req, seed: fields.seed ?? DEFAULT_SEED, sweepId: rec.id });
    const slice = {
      datasetId: fields.datasetId,
      combinations: [rec.combinations[index]!],
      appendRow: () => {},
      onProgress: () => {},
      signal,
    };
    if (fields.framework === 'pytorch') {
      const sliceApi = {
        trainPytorch: (req: TrainRequest) => api.train('pytorch', request(req), { signal, onEpoch }, tag),
      };
      await runPytorchTraining({ ...slice, api: sliceApi });
    } else {
      const sliceApi = {
        trainTensorflow: (req: TrainRequest) =>
          api.train('tensorflow', request(req), { signal, onEpoch }, tag),
      };
      await runTensorflowTraining({ ...slice, api: sliceApi, mode: fields.mode ?? 'mlp' });
    }
    if (runId) {
      const row = await store.runs.get(runId);
      if (row) events.emit(rec.id, { type: 'row', row });
    }
    const progress = await store.sweeps.get(rec.id);
    if (progress) events.emit(rec.id, { type: 'progress', done: progress.done, total: progress.total });
  };

  /** Registers the sweep as active synchronously (so two resumes cannot both start it), then runs it. */
  const start = (id: string, pending: () => Promise<{ rec: SweepRecord; indexes: number[] }>) => {
    const controller = new AbortController();
    const entry: Active = { controller, done: Promise.resolve() };
    active.set(id, entry);
    entry.done = (async () => {
      let status: SweepStatus = 'completed';
      let error: string | null = null;
      try {
        const { rec, indexes } = await pending();
        const queue = [...indexes];
        const width = Math.max(
          1,
          Math.min(rec.fields.concurrency ?? options.defaultConcurrency, queue.length),
        );
        const lane = async () => {
          for (let i = queue.shift(); i !== undefined && !controller.signal.aborted; i = queue.shift()) {
            await runCombination(rec, i, controller.signal);
          }
        };
        await Promise.all(Array.from({ length: width }, lane));
        if (entry.stopReason) status = entry.stopReason;
      } catch (err) {
        status = entry.stopReason ?? 'failed';
        if (!entry.stopReason) {
          error = 'The sweep stopped on an internal error (details in the server log)';
          onError(err, `sweep ${id}`);
        }
      }
      try {
        await store.sweeps.setStatus(id, status, { error, finishedAt: iso() });
      } catch (err) {
        onError(err, `sweep ${id} status`);
      }
      active.delete(id);
      events.emit(id, { type: 'done', status });
    })();
  };

  const service: SweepService = {
    async create(raw) {
      refuseWhenClosing();
      const { fields, combinations } = parseSweepFields(raw);
      if (!(await datasetExists(fields.datasetId))) {
        throw new MlApiError(
          'NOT_FOUND',
          `No dataset with id "${fields.datasetId}" (GET /api/datasets lists them)`,
          {
            field: 'datasetId',
          },
        );
      }
      refuseWhenClosing();
      const rec: SweepRecord = {
        id: newId(),
        status: 'running',
        fields,
        combinations,
        total: combinations.length,
        done: 0,
        createdAt: iso(),
      };
      await store.sweeps.insert(rec);
      start(rec.id, async () => ({ rec, indexes: combinations.map((_, i) => i) }));
      return rec;
    },
    get: (id) => store.sweeps.get(id),
    list: () => store.sweeps.list(),
    async runs(id) {
      await mustGet(id);
      return store.runs.forSweep(id);
    },
    subscribe: (id, listener) => events.subscribe(id, listener),
    async follow(id, listener) {
      // Subscribe before reading the store so nothing finishing in between is missed; rows seen in
      // both are sent once.
      const buffered: Parameters<SweepListener>[0][] = [];
      let live = false;
      const unsubscribe = events.subscribe(id, (e) => (live ? listener(e) : buffered.push(e)));
      try {
        const rec = await mustGet(id);
        const rows = (await store.runs.forSweep(id)).filter((r) => r.status !== 'running');
        const sent = new Set(rows.map((r) => r.id));
        listener({ type: 'progress', done: rec.done, total: rec.total });
        for (const row of rows) listener({ type: 'row', row });
        for (const e of buffered) if (!(e.type === 'row' && sent.has(e.row.id))) listener(e);
        live = true;
        if (!active.has(id) && !buffered.some((e) => e.type === 'done')) {
          unsubscribe();
          listener({ type: 'done', status: rec.status });
        }
      } catch (err) {
        unsubscribe();
        throw err;
      }
      return unsubscribe;
    },
    async cancel(id) {
      const entry = active.get(id);
      if (!entry) {
        const rec = await mustGet(id);
        throw new MlApiError('CONFLICT', `Sweep "${id}" is not running (status ${rec.status})`, {
          field: 'id',
        });
      }
      entry.stopReason ??= 'cancelled';
      entry.controller.abort();
      await entry.done;
      return mustGet(id);
    },
    async resume(id) {
      refuseWhenClosing();
      if (active.has(id))
        throw new MlApiError('CONFLICT', `Sweep "${id}" is already running`, { field: 'id' });
      const rec = await mustGet(id);
      if (active.has(id))
        throw new MlApiError('CONFLICT', `Sweep "${id}" is already running`, { field: 'id' });
      let started: () => void = () => {};
      const ready = new Promise<void>((resolve) => (started = resolve));
      start(id, async () => {
        try {
          await store.sweeps.setStatus(id, 'running', { error: null, finishedAt: null });
          const runs = await store.runs.forSweep(id);
          const completed = new Set(
            runs.filter((r) => r.status === 'completed').map((r) => r.combinationIndex),
          );
          return { rec, indexes: rec.combinations.map((_, i) => i).filter((i) => !completed.has(i)) };
        } finally {
          started();
        }
      });
      await ready;
      return mustGet(id);
    },
    async whenDone(id) {
      await active.get(id)?.done;
      return mustGet(id);
    },
    isActive: (id) => active.has(id),
    async close() {
      closing = true;
      for (const entry of active.values()) {
        entry.stopReason = 'interrupted';
        entry.controller.abort();
      }
      await Promise.all([...active.values()].map((e) => e.done));
    },
  };
  return service;
}
