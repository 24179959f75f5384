/** The two scores Trainyard reports: accuracy (classification) and R² (regression), on plain arrays. */

/** Share of positions where the two label vectors agree. */
export function accuracy<T>(predicted: ArrayLike<T>, actual: ArrayLike<T>): number {
  if (actual.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) hits++;
  return hits / actual.length;
}

/** Coefficient of determination of `predicted` against `actual` (1 is perfect, 0 is the mean). */
export function r2Score(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const n = actual.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (actual[i]! - predicted[i]!) ** 2;
    ssTot += (actual[i]! - mean) ** 2;
  }
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}
