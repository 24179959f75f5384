import type { Store } from '../store/createStore.js';
import type { ProcessOwner } from '../store/processOwner.js';

/** Whether the process that owns a run or sweep may still be executing it. */
export type OwnerCheck = (owner: ProcessOwner) => boolean;

export interface OrphansInterrupted {
  interruptedRuns: number;
  interruptedSweeps: string[];
}

/**
 * Marks what a process that is gone left running: its runs become failed 'interrupted' and its
 * sweeps 'interrupted'. Rows that record no owner (written before owners were) count as orphaned.
 * A live owner's work is never touched: another process may be training on the same home.
 *
 * @example await interruptOrphans(store, (owner) => isProcessOwnerAlive(owner), new Date().toISOString());
 */
export async function interruptOrphans(
  store: Store,
  isAlive: OwnerCheck,
  finishedAt: string,
): Promise<OrphansInterrupted> {
  const owners = [...(await store.runs.runningOwners()), ...(await store.sweeps.activeOwners())];
  const gone = owners.filter((owner) => owner === null || !isAlive(owner));
  let interruptedRuns = 0;
  const interruptedSweeps: string[] = [];
  // The same dead owner may appear twice (runs and sweeps); the second pass finds nothing left.
  for (const owner of gone) {
    interruptedRuns += await store.runs.failRunningOf(owner, 'interrupted', finishedAt);
    interruptedSweeps.push(...(await store.sweeps.interruptActiveOf(owner, finishedAt)));
  }
  return { interruptedRuns, interruptedSweeps };
}
