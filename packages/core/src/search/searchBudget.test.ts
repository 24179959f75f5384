import { describe, expect, it } from 'vitest';
import {
  budgetEnd,
  createBudgetTracker,
  exhaustedEnd,
  searchTimeSpentMs,
  TIMED_SEARCH_MAX_RUNS,
  type TimedRun,
} from './searchBudget.js';

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

describe('a search bounded by time alone', () => {
  it('stops at TIMED_SEARCH_MAX_RUNS runs, the grid limit, saying so; maxRuns replaces the cap', () => {
    expect(TIMED_SEARCH_MAX_RUNS).toBe(10_000);
    expect(budgetEnd({ maxMinutes: 30 }, { runsStarted: 9_999, elapsedMs: 0 })).toBeNull();
    expect(budgetEnd({ maxMinutes: 30 }, { runsStarted: 10_000, elapsedMs: 0 })).toEqual({
      reason: 'maxRuns',
      message: 'Budget spent: 10000 runs, the most a search bounded by time alone starts (maxMinutes 30)',
    });
    expect(
      budgetEnd({ maxMinutes: 30, maxRuns: 10_000 }, { runsStarted: 10_000, elapsedMs: 0 })?.message,
    ).toBe('Budget spent: 10000 runs (maxRuns 10000)');
  });
});

describe('searchTimeSpentMs', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const run = (from: number, to: number | undefined, over: Partial<TimedRun> = {}): TimedRun => ({
    result: 'completed',
    createdAt: at(from),
    ...(to === undefined ? {} : { finishedAt: at(to) }),
    ...over,
  });

  it('adds the spans of runs one after the other, and skips the pause between sessions', () => {
    expect(searchTimeSpentMs([])).toBe(0);
    expect(searchTimeSpentMs([run(0, 10), run(10, 25), run(500, 530)])).toBe(55_000);
  });

  it('counts runs trained side by side once', () => {
    expect(searchTimeSpentMs([run(0, 30), run(5, 20), run(25, 40)])).toBe(40_000);
  });

  it('counts failed and cancelled runs to their end, skips running rows and bad times', () => {
    const cancelled = run(10, 15, { result: 'failed', stopReason: 'cancelled' });
    const running = run(100, undefined, { result: 'running' });
    const backwards = run(300, 200);
    expect(searchTimeSpentMs([run(0, 10), cancelled, running, backwards])).toBe(15_000);
  });

  it('counts an interrupted run at most as long as the longest completed run (its end went unrecorded)', () => {
    const interrupted = (from: number, to: number) =>
      run(from, to, { result: 'failed', stopReason: 'interrupted' });
    // Noticed an hour later, at the next start: counts 20 s, like the longest completed run.
    expect(searchTimeSpentMs([run(0, 20), run(20, 32), interrupted(32, 3_632)])).toBe(52_000);
    // A graceful shutdown records its real end, shorter than that.
    expect(searchTimeSpentMs([run(0, 20), interrupted(20, 25)])).toBe(25_000);
    expect(searchTimeSpentMs([interrupted(0, 3_600)])).toBe(0);
  });
});
