/**
 * The q-th percentile (0–100) of finite values with linear interpolation between order statistics,
 * numpy's default `percentile` method (Ray Tune's ASHA and Optuna's pruners call `np.nanpercentile`):
 * NaN values are left out; null when none remain. Between an infinite and another value the lower
 * one is returned (numpy would give NaN), so a run recorded as −∞ never poisons a cutoff.
 *
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(values: readonly number[], q: number): number | null {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = ((sorted.length - 1) * q) / 100;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const lower = sorted[below]!;
  if (below === above || !Number.isFinite(lower) || !Number.isFinite(sorted[above]!)) return lower;
  return lower + (sorted[above]! - lower) * (position - below);
}
