import { paramLabel, type ScoredRuns, scoreScatterGridOption } from '@trainyard/core';
import { useMemo } from 'react';
import { type AnalysisRun, varyingParameters } from './analysisRun.js';
import { EChart } from './EChart.js';
import { useWidth } from './useWidth.js';

const PANEL_HEIGHT = 260;

/** Panels side by side: as many 320 px columns as fit, at most 3 (3 where nothing is laid out). */
const columnsFor = (width: number) => (width === 0 ? 3 : Math.max(1, Math.min(3, Math.floor(width / 320))));

/**
 * The score against each varying hyperparameter (core's scoreScatterGridOption: one chart, a
 * panel per parameter, log axis for the learning rate), the best run marked.
 */
export function ScoreScatterView(props: { scored: ScoredRuns<AnalysisRun>; bestRunId?: string }) {
  const { scored, bestRunId } = props;
  const [box, width] = useWidth<HTMLDivElement>();
  const columns = columnsFor(width ?? 0);
  const parameters = useMemo(() => varyingParameters(scored.scored.map((s) => s.run)), [scored]);
  const option = useMemo(
    () =>
      scoreScatterGridOption(scored.scored, parameters, {
        metric: scored.metric,
        metricName: scored.metricName,
        bestRunId,
        columns,
        panelHeight: PANEL_HEIGHT,
      }),
    [scored, parameters, bestRunId, columns],
  );
  let content: React.ReactNode;
  if (scored.problem) content = <p className="muted">{scored.problem}: nothing to draw.</p>;
  else if (scored.scored.length === 0) content = <p className="muted">No completed run has a score yet.</p>;
  else if (parameters.length === 0) content = <p className="muted">Every run has the same parameters.</p>;
  else if (width !== null)
    content = (
      <EChart
        option={option}
        height={Math.ceil(parameters.length / columns) * PANEL_HEIGHT}
        label={`Score against ${parameters.map(paramLabel).join(', ')}, ${scored.scored.length} runs`}
      />
    );
  return <div ref={box}>{content}</div>;
}
