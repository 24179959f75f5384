import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianStoppingDecision } from './medianStopping.js';

/** Decisions after each epoch of `current`, as an orchestrator would ask them. */
const decisions = (
  config: { gracePeriod: number; startupTrials: number },
  completed: number[][],
  current: number[],
) => current.map((_, i) => medianStoppingDecision(config, completed, current.slice(0, i + 1)));

// Three completed trials; their values at epochs 1, 2, 3. Medians per epoch: 0.6, 0.7, 0.8.
const COMPLETED = [
  [0.5, 0.6, 0.7],
  [0.6, 0.7, 0.8],
  [0.7, 0.8, 0.9],
];

describe('medianStoppingDecision', () => {
  // Golovin et al. 2017 (Vizier): stop a trial whose best value by step s is strictly worse than the
  // median of the completed trials' values at s. Optuna's MedianPruner compares with their values at
  // s itself; the expected decisions below are what Optuna 3.1.0's MedianPruner(n_startup_trials,
  // n_warmup_steps) answers for the same reports (steps = epochs), computed by hand and checked there.
  it('stops a trial whose best value so far is below the median at that epoch, after the grace period', () => {
    const config = { gracePeriod: 2, startupTrials: 3 };
    // Epoch 1 is inside the grace period; at 2 the best, 0.65, is below 0.7; at 3, 0.9 is above 0.8.
    expect(decisions(config, COMPLETED, [0.2, 0.65, 0.9])).toEqual(['continue', 'prune', 'continue']);
    // The best so far counts, not the last value: 0.75 beats 0.7 at epoch 2, not 0.8 at epoch 3.
    expect(decisions(config, COMPLETED, [0.75, 0.7, 0.72])).toEqual(['continue', 'continue', 'prune']);
  });

  it('takes the mean of the two middle values for an even count and lets a tie continue', () => {
    const config = { gracePeriod: 1, startupTrials: 1 };
    // Medians of two completed trials: 0.55, 0.65, 0.75.
    expect(decisions(config, COMPLETED.slice(0, 2), [0.3, 0.64, 0.66])).toEqual(['prune', 'prune', 'prune']);
    expect(decisions(config, COMPLETED.slice(0, 2), [0.3, 0.65, 0.66])).toEqual([
      'prune',
      'continue',
      'prune',
    ]);
  });

  it('decides nothing before enough trials completed, or past the epochs they reached', () => {
    expect(decisions({ gracePeriod: 1, startupTrials: 4 }, COMPLETED, [0.2, 0.3])).toEqual([
      'continue',
      'continue',
    ]);
    expect(decisions({ gracePeriod: 1, startupTrials: 1 }, [[0.9]], [0.95, 0.1])).toEqual([
      'continue',
      'continue',
    ]);
    expect(medianStoppingDecision({ gracePeriod: 1, startupTrials: 0 }, [], [0.1])).toBe('continue');
  });

  it('stops a trial that reported only NaN', () => {
    expect(medianStoppingDecision({ gracePeriod: 1, startupTrials: 1 }, COMPLETED, [Number.NaN])).toBe(
      'prune',
    );
  });

  it('never stops a trial at least as good as every completed trial at every epoch', () => {
    const curve = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(curve, { minLength: 1, maxLength: 6 }), curve, (completed, current) => {
        const best = completed.map((c) => Math.max(...c));
        const dominant = current.map((v) => Math.max(v, ...best));
        const config = { gracePeriod: 1, startupTrials: 1 };
        return decisions(config, completed, dominant).every((d) => d === 'continue');
      }),
    );
  });

  it('is monotone: a trial better at every epoch than a continuing one continues too', () => {
    const value = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(value, { minLength: 3, maxLength: 3 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (completed, worse, lift) => {
          const config = { gracePeriod: 1, startupTrials: 1 };
          const better = worse.map((v) => v + lift);
          const a = decisions(config, completed, worse);
          const b = decisions(config, completed, better);
          return a.every((d, i) => d === 'prune' || b[i] === 'continue');
        },
      ),
    );
  });
});
