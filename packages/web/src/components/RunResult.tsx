import { runOutcome } from '@trainyard/core';
import type { RunTableRow } from './RunTable.js';

/** Whether early stopping ended a completed run before its last epoch (a pruned run says so instead). */
export const stoppedEarly = (row: RunTableRow): boolean =>
  row.result === 'completed' &&
  !row.pruned &&
  row.stopped_epoch !== undefined &&
  row.stopped_epoch < row.epochs;

/**
 * A run's result: running…, completed, failed with its reason, or how it was stopped; a completed
 * run pruned by the sweep's pruner or stopped early by patience is marked, with the epoch it ended at.
 */
export function RunResult(props: { row: RunTableRow }) {
  const { row } = props;
  if (row.result === 'running') return <span className="result result-running">running…</span>;
  // A cancelled (interrupted, stopped) run reads as such, not as "failed: Cancelled".
  const outcome = runOutcome(row);
  return (
    <>
      <span className={`result result-${outcome}`}>
        {outcome}
        {outcome === 'failed' && row.error && <span className="reason">: {row.error}</span>}
      </span>
      {row.result === 'completed' && row.pruned && (
        <span className="badge badge-pruned" title="Stopped by the sweep's pruner; never the best run">
          pruned{row.stopped_epoch !== undefined ? ` at epoch ${row.stopped_epoch}` : ''}
        </span>
      )}
      {stoppedEarly(row) && (
        <span
          className="badge badge-stopped"
          title={`Early stopping: no improvement of the validation score; the model is epoch ${row.best_epoch ?? row.stopped_epoch}'s`}
        >
          stopped early at epoch {row.stopped_epoch}
        </span>
      )}
    </>
  );
}
