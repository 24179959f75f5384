import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlApiError } from './errors.js';
import {
  buildSweepCombinations,
  countSweepCombinations,
  MAX_SWEEP_COMBINATIONS,
} from './sweepCombinations.js';

/** Reference: Python's itertools.product, written as nested index counting (last key fastest). */
function itertoolsProduct(dims: Record<string, readonly unknown[]>): Array<Record<string, unknown>> {
  const keys = Object.keys(dims);
  const sizes = keys.map((k) => dims[k]!.length);
  const total = sizes.reduce((a, b) => a * b, 1);
  const out: Array<Record<string, unknown>> = [];
  for (let n = 0; n < total; n++) {
    const combination: Record<string, unknown> = {};
    let rest = n;
    for (let k = keys.length - 1; k >= 0; k--) {
      combination[keys[k]!] = dims[keys[k]!]![rest % sizes[k]!];
      rest = Math.floor(rest / sizes[k]!);
    }
    out.push(Object.fromEntries(keys.map((key) => [key, combination[key]])));
  }
  return out;
}

// Up to 4 dimensions of up to 4 distinct values each: at most 256 combinations per case.
const dimsArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 4 })
  .chain((keys) =>
    fc
      .tuple(...keys.map(() => fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 4 })))
      .map((lists) => Object.fromEntries(keys.map((k, i) => [k, lists[i]!])) as Record<string, number[]>),
  );

describe('buildSweepCombinations (DR-001)', () => {
  it('varies the last key fastest, like itertools.product', () => {
    expect(buildSweepCombinations({ epochs: [10, 20], batchSize: [16, 32], dropout: [0] })).toEqual([
      { epochs: 10, batchSize: 16, dropout: 0 },
      { epochs: 10, batchSize: 32, dropout: 0 },
      { epochs: 20, batchSize: 16, dropout: 0 },
      { epochs: 20, batchSize: 32, dropout: 0 },
    ]);
  });

  it('has as many combinations as the product of the dimension sizes (property)', () => {
    fc.assert(
      fc.property(dimsArb, (dims) => {
        const expected = Object.values(dims).reduce((n, v) => n * v.length, 1);
        expect(buildSweepCombinations(dims)).toHaveLength(expected);
        expect(countSweepCombinations(dims)).toBe(expected);
      }),
    );
  });

  it('produces only distinct combinations, each with every key (property)', () => {
    fc.assert(
      fc.property(dimsArb, (dims) => {
        const grid = buildSweepCombinations(dims);
        expect(new Set(grid.map((c) => JSON.stringify(c))).size).toBe(grid.length);
        for (const c of grid) expect(Object.keys(c)).toEqual(Object.keys(dims));
      }),
    );
  });

  it('matches itertools.product order exactly (property)', () => {
    fc.assert(
      fc.property(dimsArb, (dims) => {
        expect(buildSweepCombinations(dims)).toEqual(itertoolsProduct(dims));
      }),
    );
  });

  it('gives one empty combination for no dimensions and none when a dimension is empty', () => {
    expect(buildSweepCombinations({})).toEqual([{}]);
    expect(buildSweepCombinations({ a: [1, 2], b: [] })).toEqual([]);
  });

  it('refuses a grid above the limit with a VALIDATION error, which countSweepCombinations predicts', () => {
    const dims = { a: Array.from({ length: 101 }, (_, i) => i), b: Array.from({ length: 100 }, (_, i) => i) };
    expect(countSweepCombinations(dims)).toBe(10_100);
    expect(countSweepCombinations(dims)).toBeGreaterThan(MAX_SWEEP_COMBINATIONS);
    let thrown: unknown;
    try {
      buildSweepCombinations(dims);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(MlApiError);
    expect(thrown).toMatchObject({
      code: 'VALIDATION',
      message: 'Sweep has 10100 combinations, more than the limit of 10000: use fewer values',
    });
  });

  it('builds a grid of exactly the limit', () => {
    const dims = { a: Array.from({ length: 100 }, (_, i) => i), b: Array.from({ length: 100 }, (_, i) => i) };
    expect(buildSweepCombinations(dims)).toHaveLength(MAX_SWEEP_COMBINATIONS);
  });
});
