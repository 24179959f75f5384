import { type SweepRecord, type SweepStatus, sweepProgress } from '@trainyard/core';
import type { Store } from '../store/createStore.js';
import { isActiveSweepStatus } from '../store/sweepStore.js';
import type { SweepListener } from './sweepEvents.js';

export interface WatchForeignSweepOptions {
  store: Store;
  id: string;
  listener: SweepListener;
  /** Ids of the rows the follower already has; each row read later is sent once and added. */
  sent: Set<string>;
  /** The record whose progress the follower already has. */
  progress: SweepRecord;
  pollMs: number;
  /** False once the owner is gone (the caller has then marked what it left interrupted). */
  stillRunning: () => Promise<boolean>;
  onError: (err: unknown) => void;
}

/**
 * Follows a sweep another process runs on the same home: its events stay in that process, so the
 * store is read every `pollMs` and new finished rows, progress, and finally `done` are sent.
 * Returns `stop`: the follower then gets `done` with the last status read, unless `quiet`.
 *
 * @example const stop = watchForeignSweep({ store, id, listener, sent, progress: rec, pollMs: 500, stillRunning, onError });
 */
export function watchForeignSweep(options: WatchForeignSweepOptions): (opts?: { quiet?: boolean }) => void {
  const { store, id, listener, sent, pollMs, stillRunning, onError } = options;
  let progress = JSON.stringify(sweepProgress(options.progress));
  let status: SweepStatus = 'running';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const finish = (final: SweepStatus, quiet = false) => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    if (!quiet) listener({ type: 'done', status: final });
  };
  /** `last`: the owner is gone and what it left is marked; send what that changed, then end. */
  const tick = async (last = false): Promise<void> => {
    try {
      // The record first: once it reads finished, every row was written before it.
      const rec = await store.sweeps.get(id);
      if (!rec) return finish(status);
      status = rec.status;
      for (const row of await store.runs.forSweep(id)) {
        if (row.result === 'running' || sent.has(row.id) || stopped) continue;
        sent.add(row.id);
        listener({ type: 'row', row });
      }
      const now = sweepProgress(rec);
      if (JSON.stringify(now) !== progress && !stopped) {
        progress = JSON.stringify(now);
        listener(now);
      }
      if (last || !isActiveSweepStatus(status)) return finish(status);
      if (!(await stillRunning())) return await tick(true);
    } catch (err) {
      onError(err);
    }
    if (!stopped) timer = setTimeout(() => void tick(), pollMs);
  };
  timer = setTimeout(() => void tick(), pollMs);
  return (opts = {}) => finish(status, opts.quiet);
}
