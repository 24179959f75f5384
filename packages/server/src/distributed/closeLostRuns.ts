import type { Store } from '../store/createStore.js';

/** The reason on the row of an attempt whose worker died (or lost its lock) before the row was closed. */
export const WORKER_LOST = 'worker lost';

/**
 * Closes a combination's rows still 'running' as failed 'worker lost' (stop reason 'interrupted'):
 * BullMQ hands a job to one worker at a time, so when it is handed out again (or given up), any
 * row still open belongs to an attempt whose worker is gone. Returns how many it closed.
 *
 * @example await closeLostRuns(store, sweepId, 3, new Date().toISOString());
 */
export async function closeLostRuns(
  store: Store,
  sweepId: string,
  combinationIndex: number,
  finishedAt: string,
): Promise<number> {
  const open = (await store.runs.forSweep(sweepId)).filter(
    (r) => r.combinationIndex === combinationIndex && r.result === 'running',
  );
  for (const run of open) await store.runs.fail(run.id, WORKER_LOST, finishedAt, undefined, 'interrupted');
  return open.length;
}
