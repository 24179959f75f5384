import {
  COMPARED_FIELDS,
  type ComparedField,
  differingParameters,
  paramLabel,
  RUN_PARAMS,
} from '@trainyard/core';
import { formatMetric } from '../../util/formatNumber.js';
import type { AnalysisRun } from './analysisRun.js';

const OTHER_LABELS: Record<string, string> = {
  framework: 'Framework',
  mode: 'Mode',
  datasetId: 'Dataset',
  seed: 'Seed',
};
const fieldLabel = (field: ComparedField) =>
  (RUN_PARAMS as readonly string[]).includes(field)
    ? paramLabel(field as (typeof RUN_PARAMS)[number])
    : (OTHER_LABELS[field] ?? field);
const show = (v: unknown) => (v === undefined ? '—' : String(v));

/**
 * The compared runs side by side: only the parameters that differ between them (core's
 * differingParameters), then their scores and losses; the shared ones are listed once below.
 */
export function CompareTable(props: { runs: readonly AnalysisRun[]; metricName: string }) {
  const { runs, metricName } = props;
  const differing = differingParameters(runs);
  const shared = COMPARED_FIELDS.filter((f) => !differing.includes(f) && runs[0]?.[f] !== undefined);
  return (
    <div className="compare-table">
      <div className="table-scroll">
        <table className="data-table">
          <caption className="sr-only">
            Parameters that differ between the compared runs, and their metrics
          </caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              {differing.map((f) => (
                <th key={f} scope="col">
                  {fieldLabel(f)}
                </th>
              ))}
              <th scope="col">Test {metricName}</th>
              <th scope="col">Validation {metricName}</th>
              <th scope="col">Train loss</th>
              <th scope="col">Test loss</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <th scope="row">#{run.number}</th>
                {differing.map((f) => (
                  <td key={f}>{show(run[f])}</td>
                ))}
                <td>{formatMetric(run.metric_score)}</td>
                <td>{run.val_score === undefined ? '—' : formatMetric(run.val_score)}</td>
                <td>{formatMetric(run.train_loss)}</td>
                <td>{formatMetric(run.test_loss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {differing.length === 0 && <p className="muted">These runs share every parameter.</p>}
      {shared.length > 0 && (
        <p className="muted">
          Same in all: {shared.map((f) => `${fieldLabel(f)} ${show(runs[0]?.[f])}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
