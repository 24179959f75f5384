/** Metrics and losses to 4 significant decimals; 'n/a' and missing values as 'n/a'. */
export function formatMetric(value: number | 'n/a' | undefined | null): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toFixed(4);
}

/** Parameter counts with thousands separators. */
export function formatCount(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toLocaleString('en');
}
