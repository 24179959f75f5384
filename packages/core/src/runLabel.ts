import type { StoredRun } from './studioTypes.js';

export type RunKindLabel = 'sweep run' | 'single run' | 'distilled student';

/** What a run is, in words: the same on the Runs page, the Models page and in `trainyard runs`. */
export function runKindLabel(run: Pick<StoredRun, 'kind' | 'sweepId'>): RunKindLabel {
  if (run.kind === 'distill') return 'distilled student';
  return run.sweepId ? 'sweep run' : 'single run';
}

/**
 * A run's number within its sweep, as the sweep page numbers its rows (combination index + 1);
 * undefined outside a sweep.
 *
 * @example runNumber({ sweepId: 's1', combinationIndex: 0 }) // 1
 */
export function runNumber(run: Pick<StoredRun, 'sweepId' | 'combinationIndex'>): number | undefined {
  return run.sweepId !== undefined && run.combinationIndex !== undefined
    ? run.combinationIndex + 1
    : undefined;
}

/**
 * A run's duration for people: "850 ms", "12.3 s", "4 min 05 s".
 *
 * @example formatDuration(245_000) // '4 min 05 s'
 */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
