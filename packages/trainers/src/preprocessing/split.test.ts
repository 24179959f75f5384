import { describe, expect, it } from 'vitest';
import { randomSplit, stratifiedSplit, testCount } from './split.js';

function codesOf(counts: number[]): Int32Array {
  return Int32Array.from(counts.flatMap((n, c) => Array.from({ length: n }, () => c)));
}

function classCounts(codes: Int32Array, rows: Int32Array, nClasses: number): number[] {
  const counts = new Array<number>(nClasses).fill(0);
  for (const i of rows) counts[codes[i]!]!++;
  return counts;
}

describe('stratifiedSplit', () => {
  it('keeps each class in the same proportion on both sides', () => {
    const codes = codesOf([50, 30, 20]);
    const { train, test } = stratifiedSplit(codes, 3, 0.2, 42);
    expect(classCounts(codes, test, 3)).toEqual([10, 6, 4]);
    expect(classCounts(codes, train, 3)).toEqual([40, 24, 16]);
  });

  it('uses every row exactly once and sizes the test part like scikit-learn (ceil)', () => {
    const codes = codesOf([7, 5, 3]);
    const { train, test } = stratifiedSplit(codes, 3, 0.33, 1);
    expect(test.length).toBe(Math.ceil(15 * 0.33));
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    const codes = codesOf([40, 40]);
    const a = stratifiedSplit(codes, 2, 0.25, 7);
    const b = stratifiedSplit(codes, 2, 0.25, 7);
    const c = stratifiedSplit(codes, 2, 0.25, 8);
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.train]).toEqual([...b.train]);
    expect([...a.test]).not.toEqual([...c.test]);
  });

  it('never puts the only row of a class into the test part', () => {
    const codes = codesOf([20, 1]);
    const { train } = stratifiedSplit(codes, 2, 0.5, 3);
    expect(classCounts(codes, train, 2)[1]).toBe(1);
  });
});

describe('randomSplit', () => {
  it('is a seeded permutation cut at testCount', () => {
    const a = randomSplit(100, 0.2, 42);
    expect(a.test.length).toBe(20);
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect([...randomSplit(100, 0.2, 42).test]).toEqual([...a.test]);
  });

  it('keeps at least one row on each side', () => {
    expect(testCount(2, 0.01)).toBe(1);
    expect(testCount(2, 0.99)).toBe(1);
  });
});
