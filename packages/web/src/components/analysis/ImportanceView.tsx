import {
  importanceChartOption,
  type ParameterImportance,
  type ParameterShare,
  paramLabel,
  scoreLabel,
} from '@trainyard/core';
import { useMemo } from 'react';
import { formatMetric } from '../../util/formatNumber.js';
import { EChart } from './EChart.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * Which parameters matter (core's parameterImportance, the numbers `trainyard sweep report`
 * prints): the share of the score variance each explains as bars, and each one's marginal mean
 * score per value; how it was computed (exact on a full grid, else estimated with a 95% interval).
 */
export function ImportanceView(props: { importance: ParameterImportance }) {
  const { importance: imp } = props;
  const option = useMemo(() => importanceChartOption(imp), [imp]);
  if (imp.problem) return <p className="muted">{imp.problem}.</p>;
  const { failed, running, pruned, unscored } = imp.excluded;
  const left = failed + running + pruned + unscored;
  return (
    <div className="importance-view">
      <p>
        {imp.method === 'exact' ? (
          <>
            <strong>Exact</strong>: the {imp.runs} runs cover every combination of their values, so this is
            functional ANOVA computed over the full grid.
          </>
        ) : (
          <>
            <strong>Estimated</strong> on {imp.runs} sampled runs (not a full grid): each share is ε² of a
            one-way ANOVA, with its 95% bootstrap interval ({imp.bootstrap?.samples ?? 0} resamples, seed{' '}
            {imp.bootstrap?.seed ?? '—'}). Shares whose intervals overlap are not told apart by these runs.
          </>
        )}{' '}
        Score: {scoreLabel(imp.metric, imp.metricName)}, mean {formatMetric(imp.mean)}.
        {left > 0 &&
          ` Left out: ${[
            [failed, 'failed'],
            [running, 'running'],
            [pruned, 'pruned'],
            [unscored, 'without the score'],
          ]
            .filter(([n]) => Number(n) > 0)
            .map(([n, what]) => `${n} ${what}`)
            .join(', ')}.`}
      </p>
      {imp.parameters.length > 0 && (
        <EChart
          option={option}
          height={Math.max(160, 48 + 32 * (imp.parameters.length + 1))}
          label={`Share of the score variance: ${imp.parameters.map((p) => `${paramLabel(p.parameter)} ${pct(p.share)}`).join(', ')}`}
        />
      )}
      {imp.constant.length > 0 && (
        <p className="muted">
          Not varied: {imp.constant.map((c) => `${paramLabel(c.parameter)} ${c.value}`).join(' · ')}
        </p>
      )}
      <div className="marginal-grid">
        {imp.parameters.map((p) => (
          <MarginalMeans key={p.parameter} share={p} estimated={imp.method === 'estimated'} />
        ))}
      </div>
    </div>
  );
}

/** One parameter's marginal mean score per value (or per bin of sampled values). */
function MarginalMeans(props: { share: ParameterShare; estimated: boolean }) {
  const { share, estimated } = props;
  return (
    <table className="data-table marginal-means">
      <caption>
        {paramLabel(share.parameter)}: {pct(share.share)}
        {share.interval && ` (95%: ${pct(share.interval[0])}–${pct(share.interval[1])})`}
      </caption>
      <thead>
        <tr>
          <th scope="col">{estimated ? 'Values' : 'Value'}</th>
          <th scope="col">Mean score</th>
          <th scope="col">Runs</th>
        </tr>
      </thead>
      <tbody>
        {share.levels.map((l) => (
          <tr key={`${l.min}-${l.max}`}>
            <td>{l.min === l.max ? l.value : `${l.min}–${l.max}`}</td>
            <td>{formatMetric(l.mean)}</td>
            <td>{l.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
