import { describe, expect, it } from 'vitest';
import { budgetEnd, createBudgetTracker, exhaustedEnd } from './searchBudget.js';

describe('budgetEnd', () => {
  it('says why the search ended: runs first, then minutes', () => {
    expect(budgetEnd({ maxRuns: 9 }, { runsStarted: 8, elapsedMs: 1e9 })).toBeNull();
    expect(budgetEnd({ maxRuns: 9, maxMinutes: 1 }, { runsStarted: 9, elapsedMs: 120_000 })).toEqual({
      reason: 'maxRuns',
      message: 'Budget spent: 9 runs (maxRuns 9)',
    });
    expect(budgetEnd({ maxRuns: 9, maxMinutes: 1.5 }, { runsStarted: 3, elapsedMs: 90_500 })).toEqual({
      reason: 'maxMinutes',
      message: 'Budget spent: 1.51 minutes (maxMinutes 1.5)',
    });
    expect(budgetEnd({}, { runsStarted: 1e6, elapsedMs: 1e12 })).toBeNull();
    expect(exhaustedEnd(48)).toEqual({
      reason: 'exhausted',
      message: 'Search space exhausted: every combination tried (48 runs)',
    });
  });
});

describe('createBudgetTracker', () => {
  it('counts started runs and clock time, an earlier session of a resumed sweep included', () => {
    let now = 1_000;
    const tracker = createBudgetTracker({
      budget: { maxRuns: 4, maxMinutes: 2 },
      runsBefore: 2,
      elapsedBeforeMs: 60_000,
      now: () => now,
    });
    expect(tracker.end()).toBeNull();
    tracker.started();
    now += 59_000;
    expect(tracker.end()).toBeNull();
    now += 1_000;
    expect(tracker.end()?.reason).toBe('maxMinutes');
    tracker.started();
    expect(tracker.end()?.reason).toBe('maxRuns');
  });
});
