import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { EPOCH_TICK_STEPS } from './lossChartSeries.js';

/** Chart height of every per-epoch uPlot chart. */
export const EPOCH_PLOT_HEIGHT = 240;

/** The epoch axis of every per-epoch chart: whole-number ticks (EPOCH_TICK_STEPS), labelled as integers. */
export function epochAxis(space?: number): uPlot.Axis {
  return {
    label: 'epoch',
    incrs: EPOCH_TICK_STEPS,
    ...(space === undefined ? {} : { space }),
    values: (_u, ticks) => ticks.map(String),
  };
}

/**
 * Draws a per-epoch uPlot chart into `el`, following the container's width (phone portrait vs
 * desktop) without re-creating it; returns the cleanup for the React effect that made it.
 */
export function mountEpochPlot(
  el: HTMLElement,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
  maxWidth: number,
): () => void {
  const width = () => Math.max(260, Math.min(el.clientWidth || 600, maxWidth));
  const plot = new uPlot({ ...options, width: width(), height: EPOCH_PLOT_HEIGHT }, data, el);
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => plot.setSize({ width: width(), height: EPOCH_PLOT_HEIGHT }));
  observer?.observe(el);
  return () => {
    observer?.disconnect();
    plot.destroy();
  };
}
