import type { StoredRun } from './studioTypes.js';

/** What bestRunIndex reads of a row: an orchestrator's RunRow or a stored (maybe running) run. */
export type RankedRow = Pick<StoredRun, 'result' | 'datasetId' | 'metric_name' | 'metric_score'> & {
  /** A pruned run stopped before its last epoch: never the best (issue 11). */
  pruned?: boolean;
};

/**
 * The index of the best completed row: highest score (accuracy and r2 are both better higher);
 * the first one wins a tie; running and failed rows never win. -1 when nothing completed, or when
 * the rows mix datasets or metrics (scores on different datasets say nothing about which model is
 * better).
 *
 * @example bestRunIndex([failed, { ...row, metric_score: 0.9 }]) // 1
 */
export function bestRunIndex(rows: readonly RankedRow[]): number {
  const completed = rows.filter((r) => r.result === 'completed' && typeof r.metric_score === 'number');
  const mixed = completed.some(
    (r) => r.datasetId !== completed[0]?.datasetId || r.metric_name !== completed[0]?.metric_name,
  );
  if (mixed) return -1;
  let best = -1;
  rows.forEach((row, i) => {
    if (row.result !== 'completed' || row.pruned || typeof row.metric_score !== 'number') return;
    const current = rows[best]?.metric_score;
    if (best === -1 || (typeof current === 'number' && row.metric_score > current)) best = i;
  });
  return best;
}
