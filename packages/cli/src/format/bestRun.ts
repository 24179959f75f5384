import type { RunRow } from '@trainyard/core';

/**
 * Index of the best completed row (highest metric_score: accuracy and r2 both grow with quality),
 * the first one on ties; -1 when no row completed.
 * @example bestRunIndex([failedRow, { ...row, metric_score: 0.9 }]) // → 1
 */
export function bestRunIndex(rows: readonly RunRow[]): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  rows.forEach((row, i) => {
    if (row.result !== 'completed' || typeof row.metric_score !== 'number') return;
    if (row.metric_score > bestScore) {
      best = i;
      bestScore = row.metric_score;
    }
  });
  return best;
}
