import type { SweepStatus } from './studioTypes.js';

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
