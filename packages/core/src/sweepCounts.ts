import type { StopReason } from './runStop.js';
import type { SweepEvent, SweepRecord } from './studioTypes.js';
import type { RunRow } from './types.js';

/**
 * How the combinations of a durable sweep stand, each counted once by the attempt that stands
 * for it (see `standingAttempts`). A combination in none of these is training or not yet tried.
 */
export interface SweepCounts {
  /** Combinations with a completed row. */
  done: number;
  /** Combinations whose last attempt failed on its own (DR-003 row). */
  failed: number;
  /** … was cancelled by the user. */
  cancelled: number;
  /** … was cut short by its process stopping (shutdown, crash). */
  interrupted: number;
  /** … was stopped early by a scheduler. */
  stopped: number;
}

/** One attempt at a combination, as stored (a stored run has these fields). */
export interface SweepAttempt {
  combinationIndex?: number;
  result: RunRow['result'] | 'running';
  stopReason?: StopReason;
}

/**
 * The attempt that stands for each combination, in grid order: its completed one, else its
 * latest. `attempts` come in grid order, then attempt order (as the store lists a sweep's runs);
 * attempts without a combination index each stand for themselves.
 *
 * @example standingAttempts([{ combinationIndex: 0, result: 'failed', stopReason: 'cancelled' }, { combinationIndex: 0, result: 'completed' }])
 * // [{ combinationIndex: 0, result: 'completed' }]
 */
export function standingAttempts<T extends SweepAttempt>(attempts: readonly T[]): T[] {
  const byIndex = new Map<number | T, T>();
  for (const attempt of attempts) {
    const key = attempt.combinationIndex ?? attempt;
    if (byIndex.get(key)?.result !== 'completed') byIndex.set(key, attempt);
  }
  return [...byIndex.values()];
}

/**
 * Counts a sweep's combinations by the attempt that stands for each.
 *
 * @example countSweep(runs) // { done: 8, failed: 0, cancelled: 2, interrupted: 0, stopped: 0 }
 */
export function countSweep(attempts: readonly SweepAttempt[]): SweepCounts {
  const counts: SweepCounts = { done: 0, failed: 0, cancelled: 0, interrupted: 0, stopped: 0 };
  for (const attempt of standingAttempts(attempts)) {
    if (attempt.result === 'completed') counts.done++;
    else if (attempt.result === 'failed') counts[attempt.stopReason ?? 'failed']++;
  }
  return counts;
}

/**
 * `, 1 failed, 2 cancelled`: the counts other than `done` that are not 0, for the CLI and the web
 * to say the same thing.
 *
 * @example `${rec.done}/${rec.total} combinations done${describeOtherCounts(rec)}` // '8/12 combinations done, 2 cancelled'
 */
export function describeOtherCounts(c: SweepCounts): string {
  const named = (['failed', 'cancelled', 'interrupted', 'stopped'] as const)
    .filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${k === 'stopped' ? 'stopped early' : k}`);
  return named.length > 0 ? `, ${named.join(', ')}` : '';
}

/** The `progress` event of a sweep record: its total and every count. */
export function sweepProgress(rec: SweepRecord): Extract<SweepEvent, { type: 'progress' }> {
  const { total, done, failed, cancelled, interrupted, stopped } = rec;
  return { type: 'progress', total, done, failed, cancelled, interrupted, stopped };
}

/**
 * Combinations that have ended one way or another: what a progress bar fills with.
 *
 * @example endedCount({ done: 6, failed: 1, cancelled: 1, interrupted: 0, stopped: 0 }) // 8
 */
export function endedCount(c: SweepCounts): number {
  return c.done + c.failed + c.cancelled + c.interrupted + c.stopped;
}
