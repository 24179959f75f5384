import type { StoredRun } from './studioTypes.js';

/** What bestRun reads of a row: an orchestrator's RunRow or a stored (maybe running) run. */
export type RankedRow = Pick<StoredRun, 'result' | 'datasetId' | 'metric_name' | 'metric_score'> &
  Partial<Pick<StoredRun, 'val_score' | 'sweepId' | 'combinationIndex' | 'createdAt'>> & {
    /** A pruned run stopped before its last epoch: never the best (issue 11). */
    pruned?: boolean;
  };

/** The best row and the score it was ranked by. */
export interface BestRun {
  /** -1 when nothing completed, or the rows mix datasets or metrics. */
  index: number;
  /** 'val_score' when every completed row has a validation score (honest selection), else 'metric_score'. */
  by: 'val_score' | 'metric_score';
}

/**
 * The best completed row, one rule for every page and the CLI: highest score (accuracy and r2 are
 * both better higher), ranked by the validation score when every completed row has one, else by
 * the test score. A tie goes to the row that came first in a way that does not depend on how the
 * rows are sorted: the lower combination of the same sweep, else the earlier created run, else the
 * earlier position. Running and failed rows never win; rows that mix datasets or metrics have no
 * best (scores on different datasets say nothing about which model is better). A pruned run is never
 * the best: it stopped before its last epoch.
 *
 * @example bestRun([failed, { ...row, metric_score: 0.9 }]) // { index: 1, by: 'metric_score' }
 */
export function bestRun(rows: readonly RankedRow[]): BestRun {
  const completed = rows.filter(isRanked);
  const by =
    completed.length > 0 && completed.every((r) => typeof r.val_score === 'number')
      ? 'val_score'
      : 'metric_score';
  const mixed = completed.some(
    (r) => r.datasetId !== completed[0]?.datasetId || r.metric_name !== completed[0]?.metric_name,
  );
  if (mixed) return { index: -1, by };
  const score = (r: RankedRow) => (by === 'val_score' ? (r.val_score as number) : (r.metric_score as number));
  let best = -1;
  rows.forEach((row, i) => {
    if (!isRanked(row)) return;
    const current = rows[best];
    if (
      !current ||
      score(row) > score(current) ||
      (score(row) === score(current) && cameFirst(row, current))
    ) {
      best = i;
    }
  });
  return { index: best, by };
}

/** The index of bestRun: kept for callers that only need the row. */
export function bestRunIndex(rows: readonly RankedRow[]): number {
  return bestRun(rows).index;
}

const isRanked = (r: RankedRow) =>
  r.result === 'completed' && !r.pruned && typeof r.metric_score === 'number';

/** bestRun's tie rule: the lower combination of the same sweep, else the earlier created run. */
export function cameFirst(a: RankedRow, b: RankedRow): boolean {
  if (
    a.sweepId !== undefined &&
    a.sweepId === b.sweepId &&
    a.combinationIndex !== undefined &&
    b.combinationIndex !== undefined
  ) {
    return a.combinationIndex < b.combinationIndex;
  }
  if (a.createdAt !== undefined && b.createdAt !== undefined) return a.createdAt < b.createdAt;
  return false;
}
