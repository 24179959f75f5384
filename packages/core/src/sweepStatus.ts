import type { SweepRecord, SweepStatus } from './studioTypes.js';
import type { Framework } from './types.js';

/** The statuses of a sweep some process is (or should be) executing: it has an owner that matters. */
export const ACTIVE_SWEEP_STATUSES = ['running'] as const satisfies readonly SweepStatus[];

/**
 * Whether a sweep is still being executed (its followers wait, a resume is refused).
 *
 * @example isActiveSweepStatus('interrupted') // false
 */
export function isActiveSweepStatus(status: SweepStatus): boolean {
  return (ACTIVE_SWEEP_STATUSES as readonly SweepStatus[]).includes(status);
}

/**
 * The sweep a framework page shows when it opens (a reload, a new tab, another browser): the newest
 * one of its framework still running, else the one this browser last started or followed there.
 *
 * @example sweepToReattach(await studio.listSweeps(), 'pytorch', localStorage.getItem(key))
 */
export function sweepToReattach(
  sweeps: readonly SweepRecord[],
  framework: Framework,
  lastId?: string | null,
): SweepRecord | undefined {
  const mine = sweeps.filter((s) => s.fields.framework === framework);
  return mine.find((s) => isActiveSweepStatus(s.status)) ?? mine.find((s) => s.id === lastId);
}
