import { describe, expect, it } from 'vitest';
import { storedRun } from '../testFixtures.js';
import { differingParameters } from './differingParameters.js';

describe('differingParameters', () => {
  it('names only the fields that differ across the selection, in table order', () => {
    const runs = [
      storedRun({ id: 'a', learningRate: 0.01, hiddenDim: 32 }),
      storedRun({ id: 'b', learningRate: 0.1, hiddenDim: 32 }),
      storedRun({
        id: 'c',
        learningRate: 0.01,
        hiddenDim: 32,
        seed: 7,
        framework: 'tensorflow',
        mode: 'mlp',
      }),
    ];
    expect(differingParameters(runs)).toEqual(['learningRate', 'framework', 'mode', 'seed']);
  });

  it('finds nothing for identical runs, one run or none', () => {
    expect(differingParameters([storedRun({ id: 'a' }), storedRun({ id: 'b', metric_score: 0.5 })])).toEqual(
      [],
    );
    expect(differingParameters([storedRun()])).toEqual([]);
    expect(differingParameters([])).toEqual([]);
  });
});
