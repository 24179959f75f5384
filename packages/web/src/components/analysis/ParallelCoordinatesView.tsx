import { parallelCoordinatesOption, type ScoredRuns } from '@trainyard/core';
import type { ECharts } from 'echarts/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AnalysisRun, varyingParameters } from './analysisRun.js';
import { EChart } from './EChart.js';

/** What ECharts' parallel example reads on 'axisareaselected' (its model API is not in the typings). */
interface ParallelModel {
  getModel(): {
    getSeriesByIndex(index: number): { getRawIndicesByActiveState(state: 'active' | 'inactive'): number[] };
  };
}

/**
 * Parallel coordinates (core's parallelCoordinatesOption): one axis per varying hyperparameter
 * and the score, lines coloured by score. Dragging along an axis brushes a range; `onBrush` gets
 * the ids of the runs inside every brushed range (null when nothing is brushed), so the run table
 * lists only those. A new set of runs (the table filtered) redraws it unbrushed.
 */
export function ParallelCoordinatesView(props: {
  scored: ScoredRuns<AnalysisRun>;
  bestRunId?: string;
  onBrush: (ids: ReadonlySet<string> | null) => void;
}) {
  const { scored, bestRunId, onBrush } = props;
  const [version, setVersion] = useState(0);
  const [brushed, setBrushed] = useState<number | null>(null);
  const brush = useRef(onBrush);
  brush.current = onBrush;
  const points = useRef(scored.scored);
  points.current = scored.scored;
  const parameters = useMemo(() => varyingParameters(scored.scored.map((s) => s.run)), [scored]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` bumps to clear the brush (a fresh option).
  const option = useMemo(
    () =>
      parallelCoordinatesOption(scored.scored, parameters, {
        metric: scored.metric,
        metricName: scored.metricName,
        bestRunId,
      }),
    [scored, parameters, bestRunId, version],
  );
  // A redrawn chart has no brush: nor has the table.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the option is replaced.
  useEffect(() => {
    setBrushed(null);
    brush.current(null);
    return () => brush.current(null);
  }, [option]);

  const onReady = useCallback((chart: ECharts) => {
    chart.on('axisareaselected', () => {
      const series = (chart as unknown as ParallelModel).getModel().getSeriesByIndex(0);
      const active = series.getRawIndicesByActiveState('active');
      const none = active.length === 0 && series.getRawIndicesByActiveState('inactive').length === 0;
      setBrushed(none ? null : active.length);
      brush.current(none ? null : new Set(active.map((i) => points.current[i]?.run.id ?? '')));
    });
  }, []);

  if (scored.problem) return <p className="muted">{scored.problem}: nothing to draw.</p>;
  if (scored.scored.length === 0) return <p className="muted">No completed run has a score yet.</p>;
  return (
    <div className="parallel-view">
      <p className="muted">
        {scored.scored.length} scored runs. Drag along an axis to keep a range; the run table then lists only
        the runs inside every range.{' '}
        {brushed !== null && (
          <>
            <strong role="status">{brushed} runs brushed.</strong>{' '}
            <button type="button" className="link" onClick={() => setVersion((v) => v + 1)}>
              Clear the brush
            </button>
          </>
        )}
      </p>
      <EChart
        option={option}
        height={380}
        label={`Parallel coordinates of ${scored.scored.length} runs over ${parameters.length} parameters and the score`}
        onReady={onReady}
      />
    </div>
  );
}
