import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import {
  extendCombinations,
  LabelsPatchSchema,
  MlApiError,
  parseOrThrow,
  RunStop,
  type SweepRecord,
  type SweepStatus,
  sweepProgress,
} from '@trainyard/core';
import type { Store } from '../store/createStore.js';
import {
  describeProcessOwner,
  isProcessOwnerAlive,
  type ProcessOwner,
  sameProcessOwner,
} from '../store/processOwner.js';
import type { SweepRun } from '../store/runStore.js';
import { isActiveSweepStatus } from '../store/sweepStore.js';
import { interruptOrphans, type OwnerCheck } from './interruptOrphans.js';
import { parseSweepFields } from './parseSweepFields.js';
import type { PersistingMlApi } from './persistingMlApi.js';
import { runSweepOnce } from './runSweepOnce.js';
import { SweepEvents, type SweepListener } from './sweepEvents.js';
import { watchForeignSweep } from './watchForeignSweep.js';

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
  /** Whether another process that owns a sweep still runs it (default: its pid and start time say so). */
  isOwnerAlive?: OwnerCheck;
  /** How often a sweep another process runs is read back from the store while followed. */
  pollMs?: number;
  onError?: (err: unknown, context: string) => void;
  /** Removes a model's files and index row (a sweep deleted with its models). */
  removeModel?: (modelId: string) => Promise<void>;
}

/** What deleting a sweep removed. */
export interface SweepRemoval {
  runs: number;
  models: number;
}

/** Durable sweeps: recorded in the store, run on the server, followed over events. */
export interface SweepService {
  /** Validates the raw input (once, parseSweepFields), records the sweep and starts it. */
  create(raw: unknown): Promise<SweepRecord>;
  get(id: string): Promise<SweepRecord | undefined>;
  list(): Promise<SweepRecord[]>;
  /** Every attempt of every combination, in grid order. */
  runs(id: string): Promise<SweepRun[]>;
  /** Live events only; see `follow` for a late subscriber. */
  subscribe(id: string, listener: SweepListener): () => void;
  /**
   * Current progress and finished rows first, then live events, `done` last. A sweep another process
   * runs on the same home is followed by reading the store (rows and progress, no epochs).
   */
  follow(id: string, listener: SweepListener): Promise<() => void>;
  /** Only a sweep this process runs; another live process's answers CONFLICT. */
  cancel(id: string): Promise<SweepRecord>;
  /**
   * Trains again only the combinations without a completed row. CONFLICT while the sweep runs here or
   * in another live process; a sweep whose process is gone is marked interrupted and taken over.
   */
  resume(id: string): Promise<SweepRecord>;
  whenDone(id: string): Promise<SweepRecord>;
  /** Sets its name, tags or notes (LabelsPatchSchema: VALIDATION naming the field). */
  label(id: string, raw: unknown): Promise<SweepRecord>;
  /**
   * Deletes a sweep that is not running with its runs and, with `models`, the models they saved
   * (kept otherwise, still listed on their own). CONFLICT while it runs.
   */
  remove(id: string, opts?: { models?: boolean }): Promise<SweepRemoval>;
  /** Starts a new sweep with the same fields (the same grid). */
  rerun(id: string): Promise<SweepRecord>;
  /**
   * Adds values to the sweep's lists (`raw` holds the new list texts) and trains only the
   * combinations that adds; the sweep keeps its runs. VALIDATION when a list lost a value or
   * nothing is added, CONFLICT while it runs.
   */
  extend(id: string, raw: unknown): Promise<SweepRecord>;
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
 * Records sweeps in the store and runs each through the core orchestrator, once per start or resume,
 * with the combinations still missing: the scheduling is the browser's and the CLI's. Every run is
 * stored with its combination index, so rows are listed in grid order whatever order they finish in.
 */
export function createSweepService(options: SweepServiceOptions): SweepService {
  const { store, api, datasetExists } = options;
  const newId = options.newId ?? (() => randomUUID());
  const now = options.now ?? Date.now;
  const throttleMs = options.epochThrottleMs ?? 100;
  const pollMs = options.pollMs ?? 500;
  const onError = options.onError ?? (() => {});
  const isAlive = options.isOwnerAlive ?? ((owner) => isProcessOwnerAlive(owner, store.owner));
  const events = new SweepEvents((err) => onError(err, 'sweep event listener'));
  const active = new Map<string, Active>();
  /** Followers of sweeps another process runs; stopped (with a final `done`) on close. */
  const watchers = new Set<() => void>();
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
  /**
   * The live process, other than this one, that runs an active sweep this service does not. When its
   * owner is gone, what it left running is interrupted first (undefined then, as for this process).
   */
  const foreignOwner = async (id: string): Promise<ProcessOwner | undefined> => {
    const owner = await store.sweeps.ownerOf(id);
    if (owner && sameProcessOwner(owner, store.owner)) return undefined;
    if (owner && isAlive(owner)) return owner;
    await interruptOrphans(store, isAlive, iso());
    return undefined;
  };
  const refuseWhenClosing = () => {
    if (closing)
      throw new MlApiError('ENGINE_UNAVAILABLE', 'The studio is shutting down; no new sweeps are started');
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
        // One abort listener per combination in flight (each run's control follows the sweep's stop),
        // up to all of them at once (distributed mode): room for each, plus Node's default for the rest.
        setMaxListeners(indexes.length + 10, controller.signal);
        await runSweepOnce({
          rec,
          indexes,
          signal: controller.signal,
          api,
          store,
          events,
          defaultConcurrency: options.defaultConcurrency,
          epochThrottleMs: throttleMs,
          now,
        });
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
      const { fields, combinations, total } = parseSweepFields(raw);
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
        total,
        done: 0,
        failed: 0,
        cancelled: 0,
        interrupted: 0,
        stopped: 0,
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
        const rows = (await store.runs.forSweep(id)).filter((r) => r.result !== 'running');
        const sent = new Set(rows.map((r) => r.id));
        listener(sweepProgress(rec));
        for (const row of rows) listener({ type: 'row', row });
        for (const e of buffered) if (!(e.type === 'row' && sent.has(e.row.id))) listener(e);
        live = true;
        if (!active.has(id) && !buffered.some((e) => e.type === 'done')) {
          const owner = isActiveSweepStatus(rec.status) ? await foreignOwner(id) : undefined;
          if (active.has(id)) return unsubscribe;
          if (owner && !closing) {
            const stopWatching = watchForeignSweep({
              store,
              id,
              listener,
              sent,
              progress: rec,
              pollMs,
              stillRunning: async () => (await foreignOwner(id)) !== undefined,
              onError: (err) => onError(err, `following sweep ${id}`),
            });
            watchers.add(stopWatching);
            return () => {
              watchers.delete(stopWatching);
              stopWatching({ quiet: true });
              unsubscribe();
            };
          }
          unsubscribe();
          listener({ type: 'done', status: (await mustGet(id)).status });
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
        let rec = await mustGet(id);
        if (isActiveSweepStatus(rec.status)) {
          const owner = await foreignOwner(id);
          if (owner) {
            throw new MlApiError(
              'CONFLICT',
              `Sweep "${id}" is running in ${describeProcessOwner(owner, store.owner)}, not in this one; cancel it on the server that runs it`,
              { field: 'id' },
            );
          }
          rec = await mustGet(id);
        }
        throw new MlApiError('CONFLICT', `Sweep "${id}" is not running (status ${rec.status})`, {
          field: 'id',
        });
      }
      entry.stopReason ??= 'cancelled';
      entry.controller.abort(new RunStop(entry.stopReason));
      await entry.done;
      return mustGet(id);
    },
    async resume(id) {
      refuseWhenClosing();
      const alreadyRunning = () =>
        new MlApiError('CONFLICT', `Sweep "${id}" is already running`, { field: 'id' });
      if (active.has(id)) throw alreadyRunning();
      const rec = await mustGet(id);
      const owner = isActiveSweepStatus(rec.status) ? await foreignOwner(id) : undefined;
      if (owner) {
        throw new MlApiError(
          'CONFLICT',
          `Sweep "${id}" is still running in ${describeProcessOwner(owner, store.owner)}; resume it once that process has stopped`,
          { field: 'id' },
        );
      }
      // Atomic in the store: of two resumes, in this process or another, only one gets the sweep.
      if (active.has(id) || !(await store.sweeps.claim(id))) throw alreadyRunning();
      if (closing) {
        await store.sweeps.setStatus(id, 'interrupted', { finishedAt: iso() });
        refuseWhenClosing();
      }
      start(id, async () => {
        const runs = await store.runs.forSweep(id);
        const completed = new Set(
          runs.filter((r) => r.result === 'completed').map((r) => r.combinationIndex),
        );
        return { rec, indexes: rec.combinations.map((_, i) => i).filter((i) => !completed.has(i)) };
      });
      return mustGet(id);
    },
    async whenDone(id) {
      for (;;) {
        const entry = active.get(id);
        if (entry) {
          await entry.done;
          return mustGet(id);
        }
        const rec = await mustGet(id);
        if (closing || !isActiveSweepStatus(rec.status) || !(await foreignOwner(id))) return mustGet(id);
        await delay(pollMs);
      }
    },
    async label(id, raw) {
      const patch = parseOrThrow(LabelsPatchSchema, raw);
      await mustGet(id);
      await store.sweeps.setLabels(id, patch);
      return mustGet(id);
    },
    async remove(id, opts = {}) {
      const rec = await mustGet(id);
      const running = active.has(id) || (isActiveSweepStatus(rec.status) && (await foreignOwner(id)));
      if (running) {
        throw new MlApiError('CONFLICT', `Sweep "${id}" is running; cancel it before deleting it`, {
          field: 'id',
        });
      }
      // Runs first, then the sweep: a crash in between leaves an empty sweep, never orphan runs.
      const { runs, modelIds } = await store.runs.deleteForSweep(id);
      let models = 0;
      if (opts.models && options.removeModel) {
        for (const modelId of modelIds) {
          await options.removeModel(modelId);
          models++;
        }
      }
      await store.sweeps.delete(id);
      return { runs, models };
    },
    async rerun(id) {
      const rec = await mustGet(id);
      return service.create(rec.fields);
    },
    async extend(id, raw) {
      refuseWhenClosing();
      const rec = await mustGet(id);
      if (active.has(id) || (isActiveSweepStatus(rec.status) && (await foreignOwner(id)))) {
        throw new MlApiError('CONFLICT', `Sweep "${id}" is running; extend it once it has ended`, {
          field: 'id',
        });
      }
      const given = typeof raw === 'object' && raw !== null ? raw : {};
      // The dataset, framework and mode stay the sweep's own: only the lists grow.
      const { fields, combinations: grid } = parseSweepFields({
        ...rec.fields,
        ...given,
        framework: rec.fields.framework,
        mode: rec.fields.mode,
        datasetId: rec.fields.datasetId,
      });
      const extended = extendCombinations(rec.combinations, grid);
      if ('missing' in extended) {
        throw new MlApiError(
          'VALIDATION',
          `Extending only adds values: the new lists drop combination #${extended.missing + 1} of the sweep`,
          { field: 'fields' },
        );
      }
      if (extended.added.length === 0) {
        throw new MlApiError('VALIDATION', 'The new lists add no combination to the sweep', {
          field: 'fields',
        });
      }
      if (!(await store.sweeps.extend(id, fields, extended.combinations))) {
        throw new MlApiError('CONFLICT', `Sweep "${id}" is already running`, { field: 'id' });
      }
      const updated = await mustGet(id);
      start(id, async () => ({ rec: updated, indexes: extended.added }));
      return updated;
    },
    isActive: (id) => active.has(id),
    async close() {
      closing = true;
      // The sweeps other processes run go on there; their followers here get a last `done`.
      for (const stop of watchers) stop();
      watchers.clear();
      for (const entry of active.values()) {
        entry.stopReason = 'interrupted';
        entry.controller.abort(new RunStop('interrupted'));
      }
      await Promise.all([...active.values()].map((e) => e.done));
    },
  };
  return service;
}
