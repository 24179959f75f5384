import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSweepCombinations } from '../sweepCombinations.js';
import { combination } from '../testFixtures.js';
import type { TrainingCombination } from '../types.js';
import { createGridSampler, createRandomSampler, sampleRange } from './randomSampler.js';
import { combinationKey, type Sampler, type StoredTrial } from './sampler.js';
import type { SearchSpace } from './searchPlan.js';

const list = (...values: number[]) => ({ kind: 'list' as const, values });

const GRID: SearchSpace = {
  epochs: list(10, 20),
  batchSize: list(16, 32, 64),
  learningRate: list(0.01, 0.1),
  testSize: list(0.2),
  hiddenDim: list(32, 64),
  numHiddenLayers: list(1),
  dropout: list(0, 0.1),
};

const MIXED: SearchSpace = {
  ...GRID,
  learningRate: { kind: 'range', low: 0.0001, high: 0.1, log: true, integer: false },
  hiddenDim: { kind: 'range', low: 16, high: 256, log: false, integer: true },
};

async function drain(sampler: Sampler, max = Number.POSITIVE_INFINITY): Promise<TrainingCombination[]> {
  const out: TrainingCombination[] = [];
  while (out.length < max) {
    const s = await sampler.ask();
    if (!s) break;
    out.push(s.combination);
  }
  return out;
}

const stored = (combinations: TrainingCombination[]): StoredTrial[] =>
  combinations.map((c) => ({ combination: c, state: 'completed', value: 0.5 }));

describe('createRandomSampler', () => {
  it('samples a grid without replacement: every combination once, shuffled, then null', async () => {
    const all = await drain(createRandomSampler({ plan: { space: GRID, searchSeed: 1 } }));
    const grid = buildSweepCombinations({
      epochs: [10, 20],
      batchSize: [16, 32, 64],
      learningRate: [0.01, 0.1],
      testSize: [0.2],
      hiddenDim: [32, 64],
      numHiddenLayers: [1],
      dropout: [0, 0.1],
    });
    expect(all).toHaveLength(48);
    expect(new Set(all.map(combinationKey))).toEqual(new Set(grid.map(combinationKey)));
    expect(all).not.toEqual(grid);
  });

  it('is a permutation of the grid for any list space and seed', async () => {
    const values = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(values, { minLength: 7, maxLength: 7 }), fc.nat(), async (lists, seed) => {
        const keys = Object.keys(GRID) as Array<keyof SearchSpace>;
        const space = Object.fromEntries(keys.map((k, i) => [k, list(...lists[i]!)])) as SearchSpace;
        const dims = Object.fromEntries(keys.map((k, i) => [k, lists[i]!]));
        const grid = buildSweepCombinations(dims).map(combinationKey).sort();
        const drawn = (await drain(createRandomSampler({ plan: { space, searchSeed: seed } }))).map(
          combinationKey,
        );
        expect(drawn.sort()).toEqual(grid);
      }),
      { numRuns: 50 },
    );
  });

  it('suggests the same sequence for the same seed and another for another seed', async () => {
    const a = await drain(createRandomSampler({ plan: { space: MIXED, searchSeed: 7 } }), 10);
    const b = await drain(createRandomSampler({ plan: { space: MIXED, searchSeed: 7 } }), 10);
    const c = await drain(createRandomSampler({ plan: { space: MIXED, searchSeed: 8 } }), 10);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('continues the same sequence on resume and never suggests a stored combination', async () => {
    for (const space of [GRID, MIXED]) {
      const whole = await drain(createRandomSampler({ plan: { space, searchSeed: 3 } }), 20);
      // Trials 0–5 were stored, 6–7 were in flight when the sweep stopped: those run again.
      const resumed = createRandomSampler({
        plan: { space, searchSeed: 3 },
        history: stored(whole.slice(0, 6)),
      });
      expect(await drain(resumed, 14)).toEqual(whole.slice(6));
    }
  });

  it('keeps every sampled value inside its range, whole where the field is', async () => {
    const all = await drain(createRandomSampler({ plan: { space: MIXED, searchSeed: 11 } }), 300);
    expect(all).toHaveLength(300);
    for (const c of all) {
      expect(c.learningRate).toBeGreaterThanOrEqual(0.0001);
      expect(c.learningRate).toBeLessThanOrEqual(0.1);
      expect(Number.isInteger(c.hiddenDim) && c.hiddenDim >= 16 && c.hiddenDim <= 256).toBe(true);
      expect(GRID.epochs.kind === 'list' && GRID.epochs.values).toContain(c.epochs);
    }
    // Log-uniform: about a third of 0.0001..0.1 lies in each decade.
    const lowDecade = all.filter((c) => c.learningRate < 0.001).length;
    expect(lowDecade).toBeGreaterThan(60);
    expect(lowDecade).toBeLessThan(140);
  });

  it('reports exhaustion when a small integer space has nothing untried left', async () => {
    const tiny: SearchSpace = {
      ...GRID,
      hiddenDim: { kind: 'range', low: 8, high: 9, log: false, integer: true },
    };
    // 2 · 3 · 2 · 1 · 2 · 1 · 2 = 48 distinct combinations, each drawn once, then nothing.
    const all = await drain(createRandomSampler({ plan: { space: tiny, searchSeed: 1 } }));
    expect(new Set(all.map(combinationKey)).size).toBe(48);
    expect(all).toHaveLength(48);
  });
});

describe('sampleRange', () => {
  it('maps [0, 1) onto the range, both ends reachable for whole numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (low, width, log, u) => {
          const v = sampleRange({ low, high: low + width, log, integer: true }, u);
          return Number.isInteger(v) && v >= low && v <= low + width;
        },
      ),
    );
    expect(sampleRange({ low: 16, high: 256, log: false, integer: true }, 0)).toBe(16);
    expect(sampleRange({ low: 16, high: 256, log: false, integer: true }, 0.9999999)).toBe(256);
    expect(sampleRange({ low: 0.001, high: 0.1, log: true, integer: false }, 0.5)).toBeCloseTo(0.01, 12);
  });
});

describe('createGridSampler', () => {
  it('yields DR-001 order and skips what a resumed sweep stored', async () => {
    const first = await drain(createGridSampler({ plan: { space: GRID } }));
    expect(first).toHaveLength(48);
    expect(first[0]).toEqual(combination(10));
    const resumed = await drain(
      createGridSampler({ plan: { space: GRID }, history: stored([first[2]!, first[0]!]) }),
    );
    expect(resumed).toEqual([first[1], ...first.slice(3)]);
  });
});
