/** A metric or loss as shown in tables: 4 decimals, `n/a` kept as is (DR-003). */
export function formatScore(value: number | string | undefined): string {
  if (typeof value !== 'number') return value ?? 'n/a';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(4);
}

/**
 * A validation score, with the folds' standard deviation under k-fold: `0.9583 ± 0.0295`; `-` when
 * the run has none (no validation split, failed or still running).
 */
export function formatValScore(row: {
  val_score?: number | undefined;
  val_score_std?: number | undefined;
}): string {
  if (row.val_score === undefined) return '-';
  const std = row.val_score_std === undefined ? '' : ` ± ${formatScore(row.val_score_std)}`;
  return `${formatScore(row.val_score)}${std}`;
}

/** Parameter counts with thousands separators, locale-independent: 12,345. */
export function formatCount(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A learning rate or fraction without float noise: 0.1 + 0.2 shows as 0.3. */
export function formatReal(value: number): string {
  return String(Number(value.toPrecision(6)));
}
