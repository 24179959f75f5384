import type { EpochEvent } from '@trainyard/core';
import { useMemo, useState } from 'react';
import { formatMetric } from '../../util/formatNumber.js';
import type { AnalysisRun } from './analysisRun.js';
import { type CurveSeries, EpochCurves } from './EpochCurves.js';

/** One colour per compared run (at most 10), distinct in print and for common colour blindness. */
export const RUN_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
type Key = 'train_loss' | 'val_loss' | 'test_loss' | 'val_score';
const LOSSES: Array<[Key, string, number[] | undefined]> = [
  ['train_loss', 'train', undefined],
  ['val_loss', 'validation', [2, 3]],
  ['test_loss', 'test', [8, 4]],
];

const valueAt = (history: readonly EpochEvent[], epoch: number, key: Key) =>
  history.find((e) => e.epoch === epoch)?.[key];

/**
 * The compared runs' curves overlaid, one colour per run: train (solid), validation (dotted) and
 * test (dashed) loss per epoch, and the validation metric per epoch when recorded; below, a legend
 * with each run's values at the hovered epoch, or at its last epoch when nothing is hovered.
 */
export function CompareCurves(props: { runs: readonly AnalysisRun[]; metricName: string }) {
  const { runs, metricName } = props;
  const [hovered, setHovered] = useState<number | null>(null);
  const { epochs, loss, metric } = useMemo(() => {
    const epochs = [...new Set(runs.flatMap((r) => (r.history ?? []).map((e) => e.epoch)))].sort(
      (a, b) => a - b,
    );
    const seriesOf = (key: Key, label: string, dash?: number[]) =>
      runs.flatMap((run, i): CurveSeries[] => {
        const history = run.history ?? [];
        if (!history.some((e) => typeof e[key] === 'number')) return [];
        const values = epochs.map((epoch) => valueAt(history, epoch, key) ?? null);
        return [
          {
            label: `#${run.number} ${label}`,
            color: RUN_COLORS[i % RUN_COLORS.length] ?? '#000',
            dash,
            values,
          },
        ];
      });
    return {
      epochs,
      loss: LOSSES.flatMap(([key, label, dash]) => seriesOf(key, `${label} loss`, dash)),
      metric: seriesOf('val_score', `validation ${metricName}`),
    };
  }, [runs, metricName]);

  if (epochs.length === 0) return <p className="muted">These runs recorded no epochs.</p>;
  return (
    <div className="compare-curves">
      <div className="curve-grid">
        <EpochCurves
          epochs={epochs}
          series={loss}
          yLabel="loss"
          title="Loss per epoch (solid: train, dotted: validation, dashed: test)"
          onHover={setHovered}
        />
        {metric.length > 0 ? (
          <EpochCurves
            epochs={epochs}
            series={metric}
            yLabel={metricName}
            title={`Validation ${metricName} per epoch`}
            onHover={setHovered}
          />
        ) : (
          <p className="muted">
            No validation split: the {metricName} is only measured on the test rows, after the last epoch.
          </p>
        )}
      </div>
      <CurveLegend runs={runs} epoch={hovered} metricName={metricName} />
    </div>
  );
}

/** The legend: each run's colour and values at `epoch` (its last epoch when null). */
function CurveLegend(props: { runs: readonly AnalysisRun[]; epoch: number | null; metricName: string }) {
  const { runs, epoch, metricName } = props;
  return (
    <div className="table-scroll">
      <table className="data-table curve-legend">
        <caption className="sr-only">Values of the compared runs</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">{epoch === null ? 'Last epoch' : 'Epoch'}</th>
            <th scope="col">Train loss</th>
            <th scope="col">Validation loss</th>
            <th scope="col">Test loss</th>
            <th scope="col">Validation {metricName}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run, i) => {
            const history = run.history ?? [];
            const at = epoch ?? history[history.length - 1]?.epoch;
            const cell = (key: Key) => {
              const v = at === undefined ? undefined : valueAt(history, at, key);
              return v === undefined ? '—' : formatMetric(v);
            };
            return (
              <tr key={run.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: RUN_COLORS[i % RUN_COLORS.length] }} />#
                  {run.number}
                </th>
                <td>{at ?? '—'}</td>
                <td>{cell('train_loss')}</td>
                <td>{cell('val_loss')}</td>
                <td>{cell('test_loss')}</td>
                <td>{cell('val_score')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
