import { paramLabel, type RunParam, type ScoredRuns, scoreScatterOption } from '@trainyard/core';
import { useMemo } from 'react';
import { type AnalysisRun, varyingParameters } from './analysisRun.js';
import { EChart } from './EChart.js';

/** The score against each varying hyperparameter, one scatter each (core's scoreScatterOption; log axis for the learning rate), the best run marked. */
export function ScoreScatterView(props: { scored: ScoredRuns<AnalysisRun>; bestRunId?: string }) {
  const { scored, bestRunId } = props;
  const parameters = useMemo(() => varyingParameters(scored.scored.map((s) => s.run)), [scored]);
  if (scored.problem) return <p className="muted">{scored.problem}: nothing to draw.</p>;
  if (scored.scored.length === 0) return <p className="muted">No completed run has a score yet.</p>;
  if (parameters.length === 0) return <p className="muted">Every run has the same parameters.</p>;
  return (
    <div className="scatter-grid">
      {parameters.map((p) => (
        <ParameterScatter key={p} scored={scored} parameter={p} bestRunId={bestRunId} />
      ))}
    </div>
  );
}

function ParameterScatter(props: {
  scored: ScoredRuns<AnalysisRun>;
  parameter: RunParam;
  bestRunId?: string;
}) {
  const { scored, parameter, bestRunId } = props;
  const option = useMemo(
    () =>
      scoreScatterOption(scored.scored, parameter, {
        metric: scored.metric,
        metricName: scored.metricName,
        bestRunId,
      }),
    [scored, parameter, bestRunId],
  );
  return (
    <EChart
      option={option}
      height={260}
      label={`Score against ${paramLabel(parameter)}, ${scored.scored.length} runs`}
    />
  );
}
