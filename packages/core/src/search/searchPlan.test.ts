import { describe, expect, it } from 'vitest';
import { validateSweepGrid } from '../sweepGrid.js';
import { sweepFields } from '../testFixtures.js';
import { plannedRunCount, validateSearchPlan } from './searchPlan.js';

const fields = sweepFields();

const errorOf = (input: Parameters<typeof validateSearchPlan>[0]) => {
  const result = validateSearchPlan(input);
  return result.ok ? null : { field: result.field, error: result.error };
};

describe('plannedRunCount', () => {
  it('is the grid size, maxRuns capped by a grid of lists, or null when only time bounds the search', () => {
    expect(plannedRunCount({ gridSize: 24, budget: {} })).toBe(24);
    expect(plannedRunCount({ gridSize: 24, budget: { maxRuns: 6 } })).toBe(6);
    expect(plannedRunCount({ gridSize: 4, budget: { maxRuns: 6 } })).toBe(4);
    expect(plannedRunCount({ gridSize: null, budget: { maxRuns: 6, maxMinutes: 1 } })).toBe(6);
    expect(plannedRunCount({ gridSize: null, budget: { maxMinutes: 5 } })).toBeNull();
  });
});

describe('validateSearchPlan', () => {
  it('is DR-001 grid validation when no search option is given', () => {
    const result = validateSearchPlan(fields);
    expect(result).toMatchObject({
      ok: true,
      plan: { strategy: 'grid', gridSize: 8, budget: {}, pruner: null, searchSeed: 42 },
    });
    expect(result.ok && result.plan.space.learningRate).toEqual({ kind: 'list', values: [0.01, 0.1] });
  });

  it('reports the same first problem as validateSweepGrid for a grid', () => {
    const many = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i).join(',');
    for (const bad of [
      { epochValues: '0,10' },
      { testSizes: 'abc', dropouts: '2' },
      { batchSizes: many(20, 1), hiddenDims: many(30, 8), numHiddenLayers: many(15, 1) },
    ]) {
      const input = { ...fields, ...bad };
      const grid = validateSweepGrid(input);
      expect(grid.ok).toBe(false);
      expect(validateSearchPlan(input)).toEqual(grid);
    }
  });

  it('refuses a range in a grid, naming the field and the value, in form order', () => {
    expect(errorOf({ ...fields, learningRates: '0.0001..0.1 log' })).toEqual({
      field: 'learningRates',
      error:
        'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.0001..0.1 log',
    });
    expect(errorOf({ ...fields, epochValues: '0', learningRates: '0.0001..0.1 log' })).toEqual({
      field: 'epochValues',
      error: 'Epoch out of range (1-500): 0',
    });
  });

  it('reads ranges for random and tpe, with the budget, pruner and search seed', () => {
    const result = validateSearchPlan({
      ...fields,
      strategy: 'tpe',
      learningRates: '0.0001..0.1 log',
      hiddenDims: '16..256',
      maxRuns: 20,
      maxMinutes: 1.5,
      pruner: 'asha',
      seed: 3,
    });
    expect(result).toMatchObject({
      ok: true,
      plan: {
        strategy: 'tpe',
        gridSize: null,
        budget: { maxRuns: 20, maxMinutes: 1.5 },
        pruner: { kind: 'asha', gracePeriod: 1, reductionFactor: 3 },
        searchSeed: 3,
        space: {
          learningRate: { kind: 'range', low: 0.0001, high: 0.1, log: true, integer: false },
          hiddenDim: { kind: 'range', low: 16, high: 256, log: false, integer: true },
          epochs: { kind: 'list', values: [10, 20] },
        },
      },
    });
    expect(validateSearchPlan({ ...fields, strategy: 'random', searchSeed: 9, seed: 3 })).toMatchObject({
      plan: { searchSeed: 9, gridSize: 8 },
    });
  });

  it('keeps the linear baseline fixed whatever its hidden-layer fields say', () => {
    const result = validateSearchPlan({
      ...fields,
      framework: 'tensorflow',
      mode: 'linear',
      strategy: 'random',
      hiddenDims: '',
      dropouts: '0..0.5',
    });
    expect(result.ok && result.plan.space.hiddenDim).toEqual({ kind: 'list', values: [128] });
    expect(result.ok && result.plan.space.dropout).toEqual({ kind: 'list', values: [0.1] });
  });

  it.each([
    [{ maxRuns: 5 }, 'maxRuns', 'Max runs applies only to strategy random or tpe: 5'],
    [{ maxMinutes: 2.5 }, 'maxMinutes', 'Max minutes applies only to strategy random or tpe: 2.5'],
    [{ searchSeed: 7 }, 'searchSeed', 'Search seed applies only to strategy random or tpe: 7'],
    [{ gracePeriod: 2 }, 'gracePeriod', 'Grace period applies only with pruner asha or median: 2'],
    [
      { pruner: 'none', gracePeriod: 2 },
      'gracePeriod',
      'Grace period applies only with pruner asha or median: 2',
    ],
    [
      { pruner: 'median', reductionFactor: 3 },
      'reductionFactor',
      'Reduction factor applies only with pruner asha: 3',
    ],
    [{ strategy: 'tpe' }, 'maxRuns', 'Strategy tpe needs a budget: set maxRuns or maxMinutes'],
    [
      { strategy: 'random', dropouts: '0..0.5' },
      'maxRuns',
      'Strategy random over ranges needs a budget: set maxRuns or maxMinutes',
    ],
    [
      { strategy: 'random', hiddenDims: '16..8' },
      'hiddenDims',
      'Hidden dim range must go from low to high: 16..8',
    ],
  ] as const)('refuses %j', (extra, field, error) => {
    expect(errorOf({ ...fields, ...extra })).toEqual({ field, error });
  });

  it('applies the grid limit to a random search without maxRuns, which trains the whole grid', () => {
    const big = {
      ...fields,
      batchSizes: '1,2,3,4,5,6,7,8,9,10',
      testSizes: '0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9',
      dropouts: '0,0.1,0.2,0.3,0.4,0.5,0.6,0.7',
      hiddenDims: '8,9,10,11,12,13,14,15',
    };
    expect(errorOf({ ...big, strategy: 'random' })).toEqual({
      field: undefined,
      error: 'Sweep has 23040 combinations, more than the limit of 10000: use fewer values',
    });
    expect(validateSearchPlan({ ...big, strategy: 'random', maxRuns: 50 })).toMatchObject({
      ok: true,
      plan: { gridSize: 23040 },
    });
  });
});
