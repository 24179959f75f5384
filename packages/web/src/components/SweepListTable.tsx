import {
  endedCount,
  formatDuration,
  type SweepRecord,
  sweepDisplayName,
  sweepDurationMs,
} from '@trainyard/core';
import { hashOf } from '../routing/hashLocation.js';
import { formatMetric } from '../util/formatNumber.js';
import { formatTime } from '../util/formatTime.js';
import { ProgressBar } from './ProgressBar.js';

/** The best score of a sweep, saying whether it is the validation or the test score. */
export function bestLabel(s: SweepRecord): string {
  if (!s.best) return 'n/a';
  return `${s.best.validation ? 'val' : 'test'} ${s.best.metric_name} ${formatMetric(s.best.score)}`;
}

/** Every sweep with its name (a link to its page), status, progress, dataset, framework, times and best score. */
export function SweepListTable(props: { sweeps: SweepRecord[]; now: number }) {
  const { sweeps, now } = props;
  return (
    <div className="table-scroll">
      <table className="data-table sweep-list">
        <caption className="sr-only">Sweeps</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Dataset</th>
            <th scope="col">Framework</th>
            <th scope="col">Created</th>
            <th scope="col">Finished</th>
            <th scope="col">Duration</th>
            <th scope="col">Best</th>
          </tr>
        </thead>
        <tbody>
          {sweeps.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={hashOf({ route: 'sweeps', id: s.id })}>{sweepDisplayName(s)}</a>
                {(s.tags ?? []).map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
              </td>
              <td>
                <span className={`result result-${s.status === 'completed' ? 'completed' : s.status}`}>
                  {s.status}
                </span>
              </td>
              <td>
                <ProgressBar
                  done={endedCount(s)}
                  total={s.total}
                  label={`Progress of ${sweepDisplayName(s)}`}
                />
              </td>
              <td>{s.fields.datasetId}</td>
              <td>{s.fields.mode === 'linear' ? `${s.fields.framework} (linear)` : s.fields.framework}</td>
              <td>{formatTime(s.createdAt)}</td>
              <td>{formatTime(s.finishedAt)}</td>
              <td>{formatDuration(sweepDurationMs(s, now))}</td>
              <td>{bestLabel(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
