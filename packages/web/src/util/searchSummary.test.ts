import { describe, expect, it } from 'vitest';
import { runCountLabel, searchSummary } from './searchSummary.js';

describe('runCountLabel', () => {
  it('counts a grid’s combinations, random draws, budgets of runs and of time', () => {
    expect(runCountLabel({ strategy: 'grid', gridSize: 1, budget: {} })).toBe('1 combination');
    expect(runCountLabel({ strategy: 'grid', gridSize: 1200, budget: {} })).toBe('1,200 combinations');
    expect(runCountLabel({ strategy: 'random', gridSize: 24, budget: {} })).toBe(
      '24 of 24 combinations, drawn at random',
    );
    expect(runCountLabel({ strategy: 'random', gridSize: null, budget: { maxRuns: 1 } })).toBe(
      '1 random run',
    );
    expect(runCountLabel({ strategy: 'random', gridSize: null, budget: { maxMinutes: 5 } })).toBe(
      'Random runs for up to 5 min',
    );
    expect(runCountLabel({ strategy: 'tpe', gridSize: null, budget: { maxRuns: 20, maxMinutes: 5 } })).toBe(
      'Up to 20 TPE runs, at most 5 min',
    );
    expect(runCountLabel({ strategy: 'tpe', gridSize: 4, budget: { maxRuns: 20 } })).toBe('Up to 4 TPE runs');
  });
});

describe('searchSummary', () => {
  it('names what is set, a stored sweep without options reading as the plain grid it is', () => {
    expect(searchSummary({})).toBe('Grid · no validation');
    expect(searchSummary({ validationSize: 0, folds: 5, patience: 4, minDelta: 0.01, fused: false })).toBe(
      'Grid · 5-fold · patience 4 (min delta 0.01) · not fused',
    );
    expect(searchSummary({ strategy: 'tpe', maxMinutes: 30, validationSize: 0.2, pruner: 'median' })).toBe(
      'TPE (max 30 min) · validation 0.2 · median pruner',
    );
  });
});
