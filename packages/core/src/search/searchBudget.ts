import { MAX_SWEEP_COMBINATIONS } from '../sweepCombinations.js';
import type { SearchPlan } from './searchPlan.js';

/**
 * The most runs a search bounded by time alone (maxMinutes, no maxRuns) starts, and so stores: the
 * grid limit. Set maxRuns to choose another count.
 */
export const TIMED_SEARCH_MAX_RUNS = MAX_SWEEP_COMBINATIONS;

/** Why a random or TPE search stopped starting runs. */
export type SearchEnd =
  | { reason: 'maxRuns'; message: string }
  | { reason: 'maxMinutes'; message: string }
  | { reason: 'exhausted'; message: string };

export interface BudgetUsage {
  /** Runs started so far, those stored before a resume included. */
  runsStarted: number;
  /** Wall-clock time the search has used, earlier sessions included. */
  elapsedMs: number;
}

const minutes = (ms: number) => Number((ms / 60_000).toFixed(2));

/**
 * Whether the budget forbids starting another run, and why; null while runs may still start. Runs in
 * flight when it is spent finish (their rows are kept), so a sweep may overrun maxMinutes by one run.
 *
 * @example budgetEnd({ maxRuns: 9 }, { runsStarted: 9, elapsedMs: 1000 })
 * // { reason: 'maxRuns', message: 'Budget spent: 9 runs (maxRuns 9)' }
 */
export function budgetEnd(budget: SearchPlan['budget'], usage: BudgetUsage): SearchEnd | null {
  if (budget.maxRuns !== undefined && usage.runsStarted >= budget.maxRuns) {
    return {
      reason: 'maxRuns',
      message: `Budget spent: ${usage.runsStarted} runs (maxRuns ${budget.maxRuns})`,
    };
  }
  if (
    budget.maxRuns === undefined &&
    budget.maxMinutes !== undefined &&
    usage.runsStarted >= TIMED_SEARCH_MAX_RUNS
  ) {
    return {
      reason: 'maxRuns',
      message: `Budget spent: ${usage.runsStarted} runs, the most a search bounded by time alone starts (maxMinutes ${budget.maxMinutes})`,
    };
  }
  if (budget.maxMinutes !== undefined && usage.elapsedMs >= budget.maxMinutes * 60_000) {
    return {
      reason: 'maxMinutes',
      message: `Budget spent: ${minutes(usage.elapsedMs)} minutes (maxMinutes ${budget.maxMinutes})`,
    };
  }
  return null;
}

/** The end of a search whose sampler had nothing left to suggest. */
export const exhaustedEnd = (runsStarted: number): SearchEnd => ({
  reason: 'exhausted',
  message: `Search space exhausted: every combination tried (${runsStarted} runs)`,
});

export interface BudgetTracker {
  /** null while another run may start, else why not. */
  end(): SearchEnd | null;
  /** Counts a run as started. */
  started(): void;
}

/**
 * budgetEnd over a clock: counts started runs and the time since the tracker was made, plus what an
 * earlier session of a resumed sweep had used.
 *
 * @example const budget = createBudgetTracker({ budget: plan.budget, runsBefore: stored.length });
 */
export function createBudgetTracker(o: {
  budget: SearchPlan['budget'];
  runsBefore?: number;
  elapsedBeforeMs?: number;
  now?: () => number;
}): BudgetTracker {
  const now = o.now ?? Date.now;
  const start = now();
  let runsStarted = o.runsBefore ?? 0;
  return {
    end: () => budgetEnd(o.budget, { runsStarted, elapsedMs: (o.elapsedBeforeMs ?? 0) + now() - start }),
    started: () => {
      runsStarted += 1;
    },
  };
}

/** What searchTimeSpentMs reads of a stored run (core's StoredRun fits). */
export interface TimedRun {
  result: 'completed' | 'failed' | 'running';
  stopReason?: 'cancelled' | 'interrupted' | 'stopped' | undefined;
  createdAt: string;
  finishedAt?: string | undefined;
}

/**
 * The wall-clock time a sweep's stored runs took, which a resumed search counts against its
 * maxMinutes (`elapsedBeforeMs`): the length of the union of the runs' [createdAt, finishedAt] spans,
 * so runs trained side by side count once and the pause between two sessions not at all. A run
 * marked interrupted may have been noticed long after its process died (at the next start), so it
 * counts at most as long as the sweep's longest completed run, and not at all when none completed.
 * Rows still running or without a valid time are skipped.
 *
 * @example searchTimeSpentMs([{ result: 'completed', createdAt: '…T10:00:00Z', finishedAt: '…T10:02:00Z' }]) // 120000
 */
export function searchTimeSpentMs(runs: readonly TimedRun[]): number {
  const spans = runs.flatMap((run) => {
    const start = Date.parse(run.createdAt);
    const end = run.finishedAt === undefined ? Number.NaN : Date.parse(run.finishedAt);
    return run.result === 'running' || !(end >= start) ? [] : [{ run, start, end }];
  });
  const longest = Math.max(
    0,
    ...spans.filter((s) => s.run.result === 'completed').map((s) => s.end - s.start),
  );
  const bounded = spans
    .map(({ run, start, end }) => ({
      start,
      end: run.stopReason === 'interrupted' ? Math.min(end, start + longest) : end,
    }))
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let open: { start: number; end: number } | undefined;
  for (const span of bounded) {
    if (open && span.start <= open.end) {
      open.end = Math.max(open.end, span.end);
      continue;
    }
    if (open) total += open.end - open.start;
    open = { ...span };
  }
  return open ? total + open.end - open.start : total;
}
