import { describe, expect, it } from 'vitest';
import type { DatasetTable } from '../datasets/datasetTable.js';
import { assignFolds, foldSplit } from './folds.js';
import { prepareData, splitRows } from './prepareData.js';

const codesOf = (counts: number[]) =>
  Int32Array.from(counts.flatMap((n, c) => Array.from({ length: n }, () => c)));

const sizes = (fold: Int32Array, k: number) => {
  const out = new Array<number>(k).fill(0);
  for (const f of fold) out[f]!++;
  return out;
};

/** `rows` rows of one numeric feature x = row index; classes by counts, or a regression target. */
function table(
  counts: number[] | null,
  rows = counts ? counts.reduce((a, b) => a + b, 0) : 50,
): DatasetTable {
  const x = Float64Array.from({ length: rows }, (_, i) => i);
  return {
    datasetId: 'toy',
    targetColumn: 'y',
    rows,
    features: [{ name: 'x', kind: 'numeric', values: x }],
    target: counts
      ? { task: 'classification', labels: counts.map((_, c) => `c${c}`), codes: codesOf(counts) }
      : { task: 'regression', values: Float64Array.from(x, (v) => 2 * v) },
  };
}

describe('assignFolds', () => {
  it('stratifies: each class spreads over the folds ±1 row, and fold sizes differ by at most one', () => {
    const codes = codesOf([23, 11, 6]);
    const fold = assignFolds(codes.length, 5, 42, { codes, nClasses: 3 });
    expect(Math.max(...sizes(fold, 5)) - Math.min(...sizes(fold, 5))).toBeLessThanOrEqual(1);
    for (const [c, n] of [23, 11, 6].entries()) {
      const perFold = sizes(
        fold.filter((_, i) => codes[i] === c),
        5,
      );
      expect(perFold.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('is seeded: the same seed gives the same folds, another seed others', () => {
    expect(assignFolds(30, 3, 7)).toEqual(assignFolds(30, 3, 7));
    expect(assignFolds(30, 3, 7)).not.toEqual(assignFolds(30, 3, 8));
  });

  it('refuses fewer positions than folds', () => {
    expect(() => assignFolds(3, 4, 1)).toThrow(/2 ≤ k ≤ n/);
  });
});

describe('folds of prepared data', () => {
  it.each([
    ['classification', [30, 20, 10]],
    ['regression', null],
  ] as const)('%s: the folds validate disjoint rows that cover exactly the non-test rows', (_, counts) => {
    const t = table(counts as number[] | null);
    const twoWay = splitRows(t, { testSize: 0.2, seed: 42 });
    const seen: number[] = [];
    for (let index = 0; index < 4; index++) {
      const part = splitRows(t, { testSize: 0.2, seed: 42, fold: { folds: 4, index } });
      expect(part.test).toEqual(twoWay.test);
      expect([...part.train, ...part.val].sort((a, b) => a - b)).toEqual(
        [...twoWay.train].sort((a, b) => a - b),
      );
      expect(part.val.filter((row) => part.train.includes(row))).toHaveLength(0);
      seen.push(...part.val);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([...twoWay.train].sort((a, b) => a - b));
  });

  it("fits the standardisation on each fold's training rows only", () => {
    const t = table([30, 30]);
    const fold = splitRows(t, { testSize: 0.2, seed: 3, fold: { folds: 3, index: 1 } });
    const data = prepareData(t, { testSize: 0.2, seed: 3, fold: { folds: 3, index: 1 } });
    const mean = fold.train.reduce((a, i) => a + i, 0) / fold.train.length;
    expect(data.preprocessing.mean[0]).toBeCloseTo(mean, 10);
    expect(data.nVal).toBe(fold.val.length);
    expect(data.nTrain + data.nVal).toBe(48);
  });

  it('names the folds field when the non-test rows are fewer than the folds', () => {
    expect(() =>
      prepareData(table([3, 3]), { testSize: 0.5, seed: 1, fold: { folds: 4, index: 0 } }),
    ).toThrow('Dataset toy has too few training rows (3) for 4 folds');
  });

  it('foldSplit keeps the order of the rows it splits', () => {
    const rows = Int32Array.of(9, 4, 7, 1);
    expect(foldSplit(rows, Int32Array.of(0, 1, 0, 1), 1)).toEqual({
      train: Int32Array.of(9, 7),
      val: Int32Array.of(4, 1),
    });
  });
});
