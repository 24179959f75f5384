import type { SearchPlan } from './searchPlan.js';

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
