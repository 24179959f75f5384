/** Seeded k-fold partitions for cross-validation: stratified by class for classification. */
import { mixSeed, mulberry32, shuffleInPlace } from './random.js';

/** Stream of the fold shuffle: apart from the train/test split's, which uses `seed` itself. */
const FOLD_STREAM = 0x6b666f6c; // 'kfol'

/**
 * The fold (0..k-1) of each of `n` positions. The positions are shuffled with `seed` (for
 * classification: grouped by class, each class shuffled) and dealt round-robin over the folds,
 * continuing from one class to the next, so the fold sizes differ by at most one and each class is
 * spread over the folds as evenly as it can be (±1 row): scikit-learn's StratifiedKFold (KFold for
 * regression) with shuffling. Needs n ≥ k.
 *
 * @example assignFolds(6, 3, 42, { codes: Int32Array.of(0, 0, 0, 1, 1, 1), nClasses: 2 })
 * // each fold holds one row of class 0 and one of class 1
 */
export function assignFolds(
  n: number,
  k: number,
  seed: number,
  classes?: { codes: Int32Array; nClasses: number },
): Int32Array {
  if (!(Number.isInteger(k) && k >= 2 && k <= n)) {
    throw new RangeError(`assignFolds needs 2 ≤ k ≤ n: k=${k}, n=${n}`);
  }
  const rand = mulberry32(mixSeed(seed, FOLD_STREAM));
  const groups: number[][] = classes
    ? Array.from({ length: classes.nClasses }, () => [])
    : [Array.from({ length: n }, (_, i) => i)];
  if (classes) for (let i = 0; i < n; i++) groups[classes.codes[i]!]!.push(i);
  const fold = new Int32Array(n);
  let dealt = 0;
  for (const rows of groups) {
    shuffleInPlace(rows, rand);
    for (const row of rows) fold[row] = dealt++ % k;
  }
  return fold;
}

/**
 * Fold `index`'s split of `rows`: its own rows validate, the others train; both keep the order of
 * `rows`.
 */
export function foldSplit(
  rows: Int32Array,
  fold: Int32Array,
  index: number,
): { train: Int32Array; val: Int32Array } {
  const val = rows.filter((_, p) => fold[p] === index);
  const train = rows.filter((_, p) => fold[p] !== index);
  return { train, val };
}
