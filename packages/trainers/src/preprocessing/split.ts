/** Seeded train/test splits: stratified by class for classification, plain shuffle for regression. */
import { mulberry32, shuffleInPlace } from './random.js';

export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Size of the test part, like scikit-learn's train_test_split: ceil(n · testSize), leaving ≥ 1 to train. */
export function testCount(rows: number, testSize: number): number {
  return Math.min(rows - 1, Math.max(1, Math.ceil(rows * testSize)));
}

/**
 * Shuffles row indices with `seed` and cuts off `testCount` of them.
 * @example randomSplit(10, 0.2, 42).test.length // 2
 */
export function randomSplit(rows: number, testSize: number, seed: number): SplitIndices {
  const order = shuffleInPlace(
    Int32Array.from({ length: rows }, (_, i) => i),
    mulberry32(seed),
  );
  const nTest = testCount(rows, testSize);
  return { test: order.slice(0, nTest), train: order.slice(nTest) };
}

/**
 * Each class contributes to the test part in proportion to its size; the per-class shares are
 * rounded by largest remainder so the total is exactly `testCount`, and no class loses all its
 * rows to the test part.
 * @example stratifiedSplit(Int32Array.of(0,0,0,0,1,1,1,1), 2, 0.5, 1) // 2 of each class in test
 */
export function stratifiedSplit(
  codes: Int32Array,
  nClasses: number,
  testSize: number,
  seed: number,
): SplitIndices {
  const rand = mulberry32(seed);
  const byClass: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < codes.length; i++) byClass[codes[i]!]!.push(i);
  const nTest = testCount(codes.length, testSize);

  const exact = byClass.map((rows) => (rows.length * nTest) / codes.length);
  const quota = exact.map((share, c) => clampQuota(Math.floor(share), byClass[c]!.length));
  let missing = nTest - quota.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((share, c) => ({ c, rest: share - Math.floor(share) }))
    .sort((a, b) => b.rest - a.rest || a.c - b.c);
  for (let k = 0; missing !== 0 && k < 4 * nClasses; k++) {
    const { c } = byRemainder[k % nClasses]!;
    const next = quota[c]! + Math.sign(missing);
    if (next === clampQuota(next, byClass[c]!.length)) {
      quota[c] = next;
      missing -= Math.sign(missing);
    }
  }

  const test = new Int32Array(quota.reduce((a, b) => a + b, 0));
  const train = new Int32Array(codes.length - test.length);
  let t = 0;
  let r = 0;
  byClass.forEach((rows, c) => {
    shuffleInPlace(rows, rand);
    rows.forEach((row, k) => {
      if (k < quota[c]!) test[t++] = row;
      else train[r++] = row;
    });
  });
  // Mix the classes so neither part is ordered by class.
  return { train: shuffleInPlace(train, rand), test: shuffleInPlace(test, rand) };
}

/** A class with n ≥ 2 rows keeps at least one row on each side. */
function clampQuota(q: number, n: number): number {
  if (n < 2) return 0;
  return Math.min(n - 1, Math.max(q, 0));
}
