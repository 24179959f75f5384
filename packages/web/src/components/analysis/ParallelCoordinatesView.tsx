import { parallelCoordinatesOption, parallelValues, type ScoredRuns } from '@trainyard/core';
import type { ECharts } from 'echarts/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AnalysisRun, varyingParameters } from './analysisRun.js';
import { drawnAtOnce, EChart } from './EChart.js';
import { useWidth } from './useWidth.js';

/** What a parallel axis's model says of a value once brushed (ECharts' model API is not in the typings). */
interface ParallelAxisModel {
  activeIntervals: number[][];
  getActiveState(value: number): 'normal' | 'active' | 'inactive';
}
interface ChartModel {
  getModel(): { getComponent(type: 'parallelAxis', index: number): ParallelAxisModel | undefined };
}

/** Below this width (a phone) the axes are stacked, one under the other. */
const NARROW_PX = 600;

/**
 * Parallel coordinates (core's parallelCoordinatesOption): one axis per varying hyperparameter
 * and the score, lines coloured by score; on a phone the axes are stacked. Dragging along an axis
 * brushes a range; `onBrush` gets the ids of the runs inside every brushed range (null when
 * nothing is brushed), so the run table lists only those, and the others turn grey. A new set of
 * runs (the table filtered) redraws it unbrushed; a new layout keeps the brush.
 */
export function ParallelCoordinatesView(props: {
  scored: ScoredRuns<AnalysisRun>;
  bestRunId?: string;
  onBrush: (ids: ReadonlySet<string> | null) => void;
}) {
  const { scored, bestRunId, onBrush } = props;
  const [box, width] = useWidth<HTMLDivElement>();
  const narrow = width !== null && width > 0 && width < NARROW_PX;
  const [brushed, setBrushed] = useState<number | null>(null);
  const brush = useRef(onBrush);
  brush.current = onBrush;
  const parameters = useMemo(() => varyingParameters(scored.scored.map((s) => s.run)), [scored]);
  const chartOpts = useMemo(
    () => ({ metric: scored.metric, metricName: scored.metricName, bestRunId, narrow }),
    [scored, bestRunId, narrow],
  );
  const option = useMemo(
    () => parallelCoordinatesOption(scored.scored, parameters, chartOpts),
    [scored, parameters, chartOpts],
  );
  // The brush handler is registered once: it reads what is drawn now.
  const drawn = useRef({ points: scored.scored, parameters, chartOpts });
  drawn.current = { points: scored.scored, parameters, chartOpts };
  const chart = useRef<ECharts | null>(null);
  /** The brushed ranges per axis, kept across a change of layout (the axes stacked or not). */
  const ranges = useRef<number[][][] | null>(null);

  // Other runs: the chart is drawn unbrushed, and the table unfiltered.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the runs change.
  useEffect(() => {
    ranges.current = null;
    setBrushed(null);
    brush.current(null);
    return () => brush.current(null);
  }, [scored, parameters, bestRunId]);
  /** Brushes each axis over `intervals[axis]` (ECharts' action, as a drag does); [] clears it. */
  const select = (intervals: number[][][]) =>
    chart.current?.dispatchAction({
      type: 'axisAreaSelect',
      batch: intervals.map((ranges, d) => ({ parallelAxisIndex: d, intervals: ranges })),
    });
  // A new layout of the same runs (a new chart): brush it where it was brushed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the new option is drawn.
  useEffect(() => {
    if (ranges.current) select(ranges.current);
  }, [option]);

  const onReady = useCallback((instance: ECharts) => {
    chart.current = instance;
    instance.on('axisareaselected', () => {
      const { points, parameters, chartOpts } = drawn.current;
      const model = (instance as unknown as ChartModel).getModel();
      const axes = [...parameters, 'score'].map((_, d) => model.getComponent('parallelAxis', d));
      const brushedAxes = axes.some((a) => a && a.activeIntervals.length > 0);
      ranges.current = brushedAxes ? axes.map((a) => a?.activeIntervals ?? []) : null;
      const active = brushedAxes
        ? new Set(
            points.flatMap((p, i) =>
              parallelValues(p, parameters).every((v, d) => axes[d]?.getActiveState(v) !== 'inactive')
                ? [i]
                : [],
            ),
          )
        : null;
      setBrushed(active?.size ?? null);
      brush.current(active && new Set([...active].map((i) => points[i]?.run.id ?? '')));
      // Only the lines change: the axes keep their brushed ranges (and draw them, if set by `select`).
      const { series } = drawnAtOnce(parallelCoordinatesOption(points, parameters, { ...chartOpts, active }));
      instance.setOption({ series }, { replaceMerge: ['series'] });
    });
  }, []);

  let content: React.ReactNode = null;
  if (scored.problem) content = <p className="muted">{scored.problem}: nothing to draw.</p>;
  else if (scored.scored.length === 0) content = <p className="muted">No completed run has a score yet.</p>;
  else if (width !== null)
    content = (
      <>
        <p className="muted">
          {scored.scored.length} scored runs. Drag along an axis to keep a range; the run table then lists
          only the runs inside every range.{' '}
          {brushed !== null && (
            <>
              <strong role="status">{brushed} runs brushed.</strong>{' '}
              <button
                type="button"
                className="link"
                onClick={() => select([...parameters, 'score'].map(() => []))}
              >
                Clear the brush
              </button>
            </>
          )}
        </p>
        <EChart
          option={option}
          height={narrow ? 100 + 64 * (parameters.length + 1) : 380}
          label={`Parallel coordinates of ${scored.scored.length} runs over ${parameters.length} parameters and the score`}
          onReady={onReady}
        />
      </>
    );
  return (
    <div ref={box} className="parallel-view">
      {content}
    </div>
  );
}
