import { describe, expect, it } from 'vitest';
import { LabelsPatchSchema } from './schemas/labelsSchema.js';
import { extendCombinations, sweepBest, sweepDisplayName, sweepEstimate } from './sweepSummary.js';
import { combination, storedRun } from './testFixtures.js';

describe('sweep summary rules', () => {
  it('names a sweep by its given name, else by dataset, framework and size', () => {
    const rec = { fields: { datasetId: 'digits', framework: 'pytorch' as const }, total: 8 };
    expect(sweepDisplayName(rec)).toBe('digits · pytorch · 8 runs');
    expect(
      sweepDisplayName({
        ...rec,
        total: 1,
        fields: { ...rec.fields, framework: 'tensorflow', mode: 'linear' },
      }),
    ).toBe('digits · tensorflow linear · 1 run');
    expect(sweepDisplayName({ ...rec, name: 'lr search' })).toBe('lr search');
  });

  it('ranks by validation score when every run has one, else by test score; the first wins a tie; never a pruned run', () => {
    const a = storedRun({ id: 'a', combinationIndex: 0, metric_score: 0.9 });
    const b = storedRun({ id: 'b', combinationIndex: 1, metric_score: 0.95 });
    const c = storedRun({ id: 'c', combinationIndex: 2, metric_score: 0.95 });
    expect(sweepBest([a, b, c])).toMatchObject({
      runId: 'b',
      score: 0.95,
      validation: false,
      combinationIndex: 1,
    });
    const va = { ...a, val_score: 0.99 };
    expect(sweepBest([va, { ...b, val_score: 0.9 }])).toMatchObject({
      runId: 'a',
      score: 0.99,
      validation: true,
    });
    // One rule with bestRun: a sweep where some completed run has no validation score ranks by test.
    expect(sweepBest([va, b])).toMatchObject({ runId: 'b', score: 0.95, validation: false });
    expect(
      sweepBest([
        { ...va, pruned: true },
        { ...b, val_score: 0.9 },
      ]),
    ).toMatchObject({ runId: 'b' });
    expect(sweepBest([storedRun({ result: 'failed', metric_score: 'n/a' })])).toBeUndefined();
  });

  it('extends a grid by appending only the new combinations, refusing one that drops a value', () => {
    const old = [combination(10), combination(20)];
    const grid = [combination(10), combination(20), combination(30)];
    expect(extendCombinations(old, grid)).toEqual({ combinations: grid, added: [2] });
    expect(extendCombinations(old, [combination(10), combination(30)])).toEqual({ missing: 1 });
  });

  it('cleans labels and names a bad one', () => {
    expect(LabelsPatchSchema.parse({ name: ' lr ', tags: ['a', 'a', ' ', 'b'] })).toEqual({
      name: 'lr',
      tags: ['a', 'b'],
    });
    expect(LabelsPatchSchema.safeParse({ tags: ['x,y'] }).error?.issues[0]?.message).toBe(
      'Tag must not contain a comma: "x,y"',
    );
    expect(LabelsPatchSchema.safeParse({ status: 'done' }).success).toBe(false);
  });
});

describe('sweepEstimate', () => {
  it('asks above 500 combinations and estimates from the mean run measured so far', () => {
    expect(sweepEstimate(500, [1000])).toEqual({ confirm: false, perRunMs: 1000, totalMs: 500_000 });
    expect(sweepEstimate(1200, [5000, 7000, Number.NaN])).toEqual({
      confirm: true,
      perRunMs: 6000,
      totalMs: 7_200_000,
    });
    expect(sweepEstimate(501, [])).toEqual({ confirm: true });
  });
});
