import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AshaState, ashaRungs, ashaStep, initialAshaState, type PruneDecision } from './asha.js';

/**
 * Runs trials one after another (concurrency 1), each reporting `value` after every epoch until it is
 * stopped or reaches `epochs`; returns where each stopped and the final state.
 */
function runSequentially(
  config: { gracePeriod: number; reductionFactor: number; maxEpochs: number },
  values: number[],
  epochs = config.maxEpochs,
) {
  let state: AshaState = initialAshaState(config);
  const stoppedAt: number[] = [];
  for (const [t, value] of values.entries()) {
    let epoch = 1;
    for (; epoch <= epochs; epoch++) {
      const step = ashaStep(state, { trial: `t${t}`, epoch, value }, config.reductionFactor);
      state = step.state;
      if (step.decision === 'prune') break;
    }
    stoppedAt.push(Math.min(epoch, epochs));
  }
  return { stoppedAt, state };
}

describe('ashaRungs', () => {
  // Li et al. 2018, §3 (SHA/ASHA): minimum resource r, maximum R, reduction factor η; rungs at r·η^k
  // for k = 0..s_max with s_max = log_η(R/r). Their running example: r = 1, R = 9, η = 3 → 1, 3, 9.
  it('places rungs at r·η^k up to R, as in the paper', () => {
    expect(ashaRungs({ gracePeriod: 1, reductionFactor: 3, maxEpochs: 9 })).toEqual([1, 3, 9]);
    expect(ashaRungs({ gracePeriod: 1, reductionFactor: 3, maxEpochs: 27 })).toEqual([1, 3, 9, 27]);
    expect(ashaRungs({ gracePeriod: 2, reductionFactor: 4, maxEpochs: 50 })).toEqual([2, 8, 32]);
    expect(ashaRungs({ gracePeriod: 10, reductionFactor: 2, maxEpochs: 5 })).toEqual([]);
  });
});

describe('ashaStep', () => {
  // The paper's example (r = 1, R = 9, η = 3) with nine configurations arriving one by one, each with
  // a constant validation accuracy. A configuration goes past a rung only when in the top 1/η of the
  // values recorded there before it, i.e. at least their 66.7th percentile (linear interpolation);
  // the first at a rung always goes on. Hand computation, rung 1 cutoffs in arrival order:
  //   t0 0.50 first → on         t1 0.70 ≥ 0.50 → on        t2 0.60 < 0.633 ([.5,.7]) → stop at 1
  //   t3 0.90 ≥ 0.633 → on       t4 0.40 < 0.70 ([.5,.6,.7,.9]) → stop at 1
  //   t5 0.80 ≥ 0.667 → on       t6 0.65 < 0.733 ([.4,.5,.6,.7,.8,.9]) → stop at 1
  //   t7 0.95 ≥ 0.70 → on        t8 0.30 < 0.767 → stop at 1
  // Rung 3: t0 first, t1 ≥ .5, t3 ≥ .633, t5 0.80 ≥ 0.767 ([.5,.7,.9]), t7 0.95 ≥ 0.80 → all on;
  // rung 9 alike. Epochs trained: 9·5 + 1·4 = 49 of the grid's 81 (60%).
  it('stops the nine configurations of the paper-sized example where the hand computation says', () => {
    const values = [0.5, 0.7, 0.6, 0.9, 0.4, 0.8, 0.65, 0.95, 0.3];
    const { stoppedAt, state } = runSequentially(
      { gracePeriod: 1, reductionFactor: 3, maxEpochs: 9 },
      values,
    );
    expect(stoppedAt).toEqual([9, 9, 1, 9, 1, 9, 1, 9, 1]);
    expect(stoppedAt.reduce((a, b) => a + b, 0)).toBe(49);
    expect(state.rungs.map((r) => r.recorded.length)).toEqual([9, 5, 5]);
  });

  it('prunes a trial worse than the cutoff at a later rung, not before', () => {
    const config = { gracePeriod: 1, reductionFactor: 2, maxEpochs: 4 };
    let state = initialAshaState(config);
    const report = (trial: string, epoch: number, value: number): PruneDecision => {
      const step = ashaStep(state, { trial, epoch, value }, 2);
      state = step.state;
      return step.decision;
    };
    // Rungs 1, 2, 4. 'a' sets the bar; 'b' ties it at rung 1 (the median of [0.5]) and falls at rung 2.
    expect([1, 2, 3, 4].map((e) => report('a', e, 0.5 + e / 10))).toEqual(Array(4).fill('continue'));
    expect(report('b', 1, 0.6)).toBe('continue');
    expect(report('b', 2, 0.6)).toBe('prune');
  });

  it('records a trial once per rung and lets reports between rungs pass', () => {
    const config = { gracePeriod: 2, reductionFactor: 3, maxEpochs: 18 };
    let state = initialAshaState(config);
    state = ashaStep(state, { trial: 'a', epoch: 2, value: 0.9 }, 3).state;
    const first = ashaStep(state, { trial: 'b', epoch: 1, value: 0.1 }, 3);
    expect(first.decision).toBe('continue');
    expect(first.state).toBe(state);
    const atRung = ashaStep(state, { trial: 'b', epoch: 2, value: 0.1 }, 3);
    expect(atRung.decision).toBe('prune');
    expect(ashaStep(atRung.state, { trial: 'a', epoch: 3, value: 0.1 }, 3).decision).toBe('continue');
  });

  const valuesArb = fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: 1,
    maxLength: 30,
  });
  const etaArb = fc.integer({ min: 2, max: 5 });

  it('never mutates the state it is given', () => {
    fc.assert(
      fc.property(valuesArb, etaArb, (values, eta) => {
        const config = { gracePeriod: 1, reductionFactor: eta, maxEpochs: eta * eta };
        let state = initialAshaState(config);
        for (const [t, value] of values.entries()) {
          const before = structuredClone(state);
          const next = ashaStep(state, { trial: `t${t}`, epoch: 1, value }, eta).state;
          expect(state).toEqual(before);
          state = next;
        }
      }),
    );
  });

  it('lets every trial through when each beats all before it, and only the first when each is worse', () => {
    fc.assert(
      fc.property(valuesArb, etaArb, (values, eta) => {
        const config = { gracePeriod: 1, reductionFactor: eta, maxEpochs: eta };
        const up = runSequentially(
          config,
          [...values].sort((a, b) => a - b),
        ).stoppedAt;
        const down = runSequentially(
          config,
          [...values].sort((a, b) => b - a),
        ).stoppedAt;
        return up.every((e) => e === eta) && down.every((e, i) => e === (i === 0 ? eta : 1));
      }),
    );
  });

  it('is monotone in the value: what a pruned value would do, any lower value does too', () => {
    fc.assert(
      fc.property(valuesArb, etaArb, fc.double({ min: 0, max: 1, noNaN: true }), (values, eta, v) => {
        const config = { gracePeriod: 1, reductionFactor: eta, maxEpochs: eta };
        const { state } = runSequentially(config, values);
        const at = (value: number) => ashaStep(state, { trial: 'new', epoch: 1, value }, eta).decision;
        return at(v) === 'continue' || at(v / 2) === 'prune';
      }),
    );
  });
});
