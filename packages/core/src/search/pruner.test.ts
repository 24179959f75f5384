import { describe, expect, it } from 'vitest';
import { createPruner } from './pruner.js';

describe('createPruner', () => {
  it('asha: replays stored curves, then prunes a new trial below the rung cutoff', () => {
    const config = { kind: 'asha' as const, gracePeriod: 1, reductionFactor: 2 };
    const history = [
      { trial: 'a', values: [0.9, 0.9], state: 'completed' as const },
      { trial: 'b', values: [0.8, 0.8], state: 'completed' as const },
    ];
    const pruner = createPruner(config, 2, history);
    // Rung 1 holds 0.9 and 0.8: the cutoff (50th percentile) is 0.85.
    expect(pruner.report('c', 1, 0.84)).toBe('prune');
    expect(pruner.report('d', 1, 0.86)).toBe('continue');
  });

  it('median: only completed trials are the reference', () => {
    const pruner = createPruner({ kind: 'median', gracePeriod: 1, reductionFactor: 3 }, 3);
    const curves = { a: [0.9, 0.9], b: [0.8, 0.8], c: [0.85, 0.85], d: [0.7, 0.7], e: [0.75, 0.75] };
    for (const [trial, values] of Object.entries(curves)) {
      for (const [i, v] of values.entries()) expect(pruner.report(trial, i + 1, v)).toBe('continue');
      pruner.finish(trial, 'completed');
    }
    // A pruned or failed trial does not count.
    pruner.report('x', 1, 0.1);
    pruner.finish('x', 'pruned');
    // Median at epoch 1 of five completed trials: 0.8.
    expect(pruner.report('f', 1, 0.79)).toBe('prune');
    expect(pruner.report('g', 1, 0.8)).toBe('continue');
  });
});
