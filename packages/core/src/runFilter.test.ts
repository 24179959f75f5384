import { describe, expect, it } from 'vitest';
import { paramValues, runMatches } from './runFilter.js';

const run = (metric_score: number | 'n/a', learningRate = 0.01) => ({
  metric_score,
  epochs: 2,
  batchSize: 16,
  learningRate,
  testSize: 0.2,
  hiddenDim: 8,
  numHiddenLayers: 1,
  dropout: 0,
});

describe('runMatches', () => {
  it('keeps runs inside an inclusive score range; a run without a score fails any bound', () => {
    expect(runMatches(run(0.9), { minScore: 0.9, maxScore: 0.95 })).toBe(true);
    expect(runMatches(run(0.96), { maxScore: 0.95 })).toBe(false);
    expect(runMatches(run('n/a'), { minScore: 0 })).toBe(false);
    expect(runMatches(run('n/a'), {})).toBe(true);
  });

  it('filters by any hyperparameter value', () => {
    expect(runMatches(run(0.5, 0.1), { param: 'learningRate', value: 0.1 })).toBe(true);
    expect(runMatches(run(0.5, 0.01), { param: 'learningRate', value: 0.1 })).toBe(false);
  });
});

it('lists the distinct values of each hyperparameter, ascending', () => {
  expect(paramValues([run(1, 0.1), run(1, 0.001), run(1, 0.1)]).learningRate).toEqual([0.001, 0.1]);
});
