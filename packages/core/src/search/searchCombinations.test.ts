import { describe, expect, it } from 'vitest';
import { buildSweepGrid } from '../sweepGrid.js';
import { sweepFields } from '../testFixtures.js';
import { createRandomSampler } from './randomSampler.js';
import { drawsAsItGoes, fixedSearchCombinations } from './searchCombinations.js';
import { validateSearchPlan } from './searchPlan.js';

const fields = sweepFields();

const planOf = (input: Parameters<typeof validateSearchPlan>[0]) => {
  const checked = validateSearchPlan(input);
  if (!checked.ok) throw new Error(checked.error);
  return checked.plan;
};

describe('fixedSearchCombinations', () => {
  it('is the DR-001 grid for a grid', () => {
    const grid = buildSweepGrid(fields);
    expect(fixedSearchCombinations(planOf(fields))).toEqual(grid.ok && grid.combinations);
  });

  it("is the random sampler's first maxRuns suggestions, the same for the same seed", async () => {
    const plan = planOf({
      ...fields,
      strategy: 'random',
      maxRuns: 5,
      seed: 4,
      learningRates: '0.001..0.1 log',
    });
    const fixed = fixedSearchCombinations(plan);
    const sampler = createRandomSampler({ plan });
    const asked = [];
    for (let i = 0; i < 5; i++) asked.push((await sampler.ask())?.combination);
    expect(fixed).toEqual(asked);
    expect(fixedSearchCombinations(plan)).toEqual(fixed);
  });

  it('is the whole grid, shuffled, for a random search over lists without maxRuns', () => {
    const all = fixedSearchCombinations(planOf({ ...fields, strategy: 'random' }));
    const grid = buildSweepGrid(fields);
    expect(all).toHaveLength(8);
    expect(new Set(all?.map((c) => JSON.stringify(c)))).toEqual(
      new Set(grid.ok ? grid.combinations.map((c) => JSON.stringify(c)) : []),
    );
  });

  it('draws as it goes exactly for tpe and a random search over ranges bounded by maxMinutes alone', () => {
    const ranges = { ...fields, dropouts: '0..0.5' };
    expect(drawsAsItGoes(planOf({ ...fields, strategy: 'tpe', maxRuns: 5 }))).toBe(true);
    expect(drawsAsItGoes(planOf({ ...ranges, strategy: 'random', maxMinutes: 5 }))).toBe(true);
    expect(drawsAsItGoes(planOf({ ...ranges, strategy: 'random', maxMinutes: 5, maxRuns: 9 }))).toBe(false);
    expect(drawsAsItGoes(planOf({ ...fields, strategy: 'random', maxMinutes: 5 }))).toBe(false);
    expect(drawsAsItGoes(planOf(fields))).toBe(false);
  });

  it('is null when outcomes or time decide: tpe, and random over ranges with only maxMinutes', () => {
    expect(fixedSearchCombinations(planOf({ ...fields, strategy: 'tpe', maxRuns: 5 }))).toBeNull();
    expect(
      fixedSearchCombinations(planOf({ ...fields, strategy: 'random', maxMinutes: 5, dropouts: '0..0.5' })),
    ).toBeNull();
  });
});
