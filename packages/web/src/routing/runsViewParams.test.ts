import { describe, expect, it } from 'vitest';
import { hashOf, parseHashLocation } from './hashLocation.js';
import { historyFilterOf, runsViewOf, runsViewParams } from './runsViewParams.js';

describe('Runs page filters in the URL', () => {
  it('writes every filter and reads the same filters back', () => {
    const view = {
      filter: { framework: 'tensorflow' as const, datasetId: 'iris' },
      range: { minScore: 0.9, maxScore: 0.99, param: 'learningRate' as const, value: 0.01 },
      tag: 'lr',
    };
    const hash = hashOf({ route: 'runs', params: runsViewParams(view) });
    expect(hash).toBe(
      '#/runs?datasetId=iris&framework=tensorflow&maxScore=0.99&minScore=0.9&param=learningRate&tag=lr&value=0.01',
    );
    expect(runsViewOf(parseHashLocation(hash).params)).toEqual(view);
  });

  it('leaves the defaults out of the URL', () => {
    expect(hashOf({ route: 'runs', params: runsViewParams({ filter: {}, range: {}, tag: '' }) })).toBe(
      '#/runs',
    );
    expect(hashOf({ route: 'runs', params: runsViewParams({ filter: {}, range: {}, tag: '  ' }) })).toBe(
      '#/runs',
    );
    // A value without its hyperparameter filters nothing, so it is not written either.
    expect(
      hashOf({ route: 'runs', params: runsViewParams({ filter: {}, range: { value: 3 }, tag: '' }) }),
    ).toBe('#/runs');
    expect(runsViewOf({})).toEqual({ filter: {}, range: {}, tag: '' });
  });

  it('ignores bad values, leaving only those fields empty', () => {
    const view = runsViewOf(
      parseHashLocation(
        '#/runs?framework=jax&datasetId=../etc&minScore=abc&maxScore=0.5&param=momentum&value=1&tag=x',
      ).params,
    );
    expect(view).toEqual({ filter: {}, range: { maxScore: 0.5 }, tag: 'x' });
    expect(runsViewOf({ minScore: 'Infinity', maxScore: '', param: 'epochs', value: 'ten' }).range).toEqual({
      param: 'epochs',
    });
    expect(runsViewOf({ tag: 'x'.repeat(41) }).tag).toBe('');
    expect(runsViewOf({ tag: '   ' }).tag).toBe('');
  });

  it('reads framework and dataset with the core schemas (shared with the Sweeps page)', () => {
    expect(historyFilterOf({ framework: 'pytorch', datasetId: 'wine' })).toEqual({
      framework: 'pytorch',
      datasetId: 'wine',
    });
    expect(historyFilterOf({ framework: 'PyTorch', datasetId: 'a/b' })).toEqual({});
  });
});
