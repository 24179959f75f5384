import type { FrameworkComparison, FrameworkPair } from '@trainyard/core';
import { useState } from 'react';
import { formatMetric } from '../../util/formatNumber.js';
import type { AnalysisRun } from './analysisRun.js';
import { CompareCurves, RUN_COLORS } from './CompareCurves.js';

const combo = (p: FrameworkPair) => {
  const c = p.combination;
  return `${c.epochs} ep · batch ${c.batchSize} · lr ${c.learningRate} · ${c.numHiddenLayers}×${c.hiddenDim} · dropout ${c.dropout} · test ${c.testSize}`;
};
const signed = (d: number) => `${d > 0 ? '+' : ''}${formatMetric(d)}`;

/**
 * PyTorch against TensorFlow on identical splits (core's compareFrameworks): per dataset, the
 * score difference per shared combination and who wins how often; a pair's curves on shared axes.
 */
export function FrameworkView(props: { comparisons: FrameworkComparison[]; runs: readonly AnalysisRun[] }) {
  const { comparisons, runs } = props;
  const [picked, setPicked] = useState<FrameworkPair | null>(null);
  const byId = new Map(runs.map((r) => [r.id, r]));
  if (comparisons.length === 0) {
    return (
      <p className="muted">
        No combination was trained by both engines on one dataset here. Train the same grid on the PyTorch and
        TensorFlow pages, then compare them on the Runs page.
      </p>
    );
  }
  return (
    <div className="framework-view">
      {comparisons.map((c) => (
        <div key={c.datasetId}>
          <p>
            <strong>{c.datasetId}</strong>: {c.pairs.length} shared combinations; PyTorch better{' '}
            {c.pytorchWins}×, TensorFlow better {c.tensorflowWins}×, tied {c.ties}×; mean difference
            (TensorFlow − PyTorch) {signed(c.meanDifference)} test {c.metricName}.
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="sr-only">PyTorch and TensorFlow on {c.datasetId}</caption>
              <thead>
                <tr>
                  <th scope="col">Combination</th>
                  <th scope="col">Seed</th>
                  <th scope="col">PyTorch</th>
                  <th scope="col">TensorFlow</th>
                  <th scope="col">Difference</th>
                  <th scope="col">Curves</th>
                </tr>
              </thead>
              <tbody>
                {c.pairs.map((p) => (
                  <tr key={`${p.pytorch.runId}-${p.tensorflow.runId}`}>
                    <td>{combo(p)}</td>
                    <td>{p.seed}</td>
                    <td>{formatMetric(p.pytorch.score)}</td>
                    <td>{formatMetric(p.tensorflow.score)}</td>
                    <td>{signed(p.difference)}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-pressed={picked === p}
                        onClick={() => setPicked(picked === p ? null : p)}
                      >
                        Show
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      {picked && <PairCurves pair={picked} byId={byId} metricName={comparisons[0]?.metricName ?? 'score'} />}
    </div>
  );
}

/** A pair's curves on shared axes (PyTorch in the first colour, TensorFlow in the second), values in the legend. */
function PairCurves(props: {
  pair: FrameworkPair;
  byId: ReadonlyMap<string, AnalysisRun>;
  metricName: string;
}) {
  const { pair, byId, metricName } = props;
  const runs = [byId.get(pair.pytorch.runId), byId.get(pair.tensorflow.runId)].filter(
    (r): r is AnalysisRun => r !== undefined,
  );
  if (runs.length < 2) return <p className="muted">One of these runs is no longer listed.</p>;
  return (
    <div className="pair-curves">
      <p>
        <span className="swatch" style={{ background: RUN_COLORS[0] }} />
        PyTorch run #{runs[0]?.number} and <span className="swatch" style={{ background: RUN_COLORS[1] }} />
        TensorFlow run #{runs[1]?.number}, {pair.combination.epochs} epochs each:
      </p>
      <CompareCurves runs={runs} metricName={metricName} />
    </div>
  );
}
