/**
 * Parallel coordinates as an Apache ECharts option (plain data, shared by the web and the CLI's
 * SVG report). ECharts' own `parallel` series draws each run as its own polyline element (per-item
 * model, style and states): ~200 ms of script for 10,000 runs before the canvas paints a line. Here
 * the `parallel` component keeps the axes and their brushing, and the lines are `large` ECharts
 * `lines` series (one path per series: flat number arrays, no per-item objects) on a hidden grid
 * laid over the parallel box, one series per score band, coloured along the visualMap's gradient.
 */
import type { RunParam } from '../runFilter.js';
import {
  axisType,
  BEST_COLOR,
  type ChartOption,
  type ChartPoint,
  paramLabel,
  SCORE_COLORS,
  type ScoreChartOpts,
  scoreLabel,
} from './chartOptions.js';

/** Score bands, each drawn as one `lines` series in its colour. */
const BANDS = 24;
const INACTIVE_COLOR = '#c8c8c8';
const FEW_RUNS = 200;
const NARROW_NAME = {
  align: 'left',
  verticalAlign: 'bottom',
  padding: [1, 3],
  backgroundColor: 'rgba(255,255,255,0.85)',
};

/** Where the axes go: wide, side by side (box in px); narrow (a phone), one under the other. */
export function parallelBox(narrow: boolean) {
  return narrow
    ? { layout: 'vertical' as const, left: 20, right: 28, top: 28, bottom: 64 }
    : { layout: 'horizontal' as const, left: 56, right: 150, top: 48, bottom: 32 };
}

/** A run's values along the axes: each parameter, then the score. */
export function parallelValues(point: ChartPoint, parameters: readonly RunParam[]): number[] {
  return [...parameters.map((p) => point.run[p]), point.score];
}

/** Round [lo, hi] out to a step of 1, 2 or 5 × 10^k giving about five ticks (powers of 10 on a log axis). */
export function niceExtent(lo: number, hi: number, log: boolean): [number, number] {
  if (log) {
    // Number('1e-4') is 0.0001 exactly; 10 ** -4 is 0.00009999999999999999.
    const a = Math.floor(Math.log10(lo));
    const b = Math.max(Math.ceil(Math.log10(hi)), a + 1);
    return [Number(`1e${a}`), Number(`1e${b}`)];
  }
  if (hi <= lo) return [lo - 1, hi + 1];
  const raw = (hi - lo) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  // Floating steps (0.05 × 13) need rounding back to the step's own decimals.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const round = (x: number) => Number(x.toFixed(digits));
  // 0.6 / 0.1 is 5.999…: a hair of slack keeps a bound that is on a step where it is.
  return [round(Math.floor(lo / step + 1e-9) * step), round(Math.ceil(hi / step - 1e-9) * step)];
}

/** The colour at `t` in [0, 1] along SCORE_COLORS, as ECharts' continuous visualMap interpolates it. */
function scoreColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (SCORE_COLORS.length - 1);
  const i = Math.min(SCORE_COLORS.length - 2, Math.floor(x));
  const channel = (hex: string, k: number) => Number.parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
  const [a, b] = [SCORE_COLORS[i] as string, SCORE_COLORS[i + 1] as string];
  const rgb = [0, 1, 2].map((k) => Math.round(channel(a, k) + (channel(b, k) - channel(a, k)) * (x - i)));
  return `rgb(${rgb.join(',')})`;
}

/**
 * Parallel coordinates: one axis per varying parameter plus the score, one line per run coloured
 * by score (better runs drawn last, on top), the best run marked. Dragging along an axis brushes
 * it (ECharts' `axisareaselected`); pass the runs inside every brushed range as `active` (indices
 * into `points`) and the others are drawn grey, underneath. `narrow` stacks the axes for a phone.
 *
 * @example parallelCoordinatesOption(scored, ['learningRate', 'hiddenDim'], { metric: 'metric_score', metricName: 'accuracy' })
 */
export function parallelCoordinatesOption(
  points: readonly ChartPoint[],
  parameters: readonly RunParam[],
  opts: ScoreChartOpts & { active?: ReadonlySet<number> | null; narrow?: boolean },
): ChartOption {
  const narrow = opts.narrow ?? false;
  const box = parallelBox(narrow);
  const axes = [
    ...parameters.map((p) => ({ name: paramLabel(p), log: axisType(p) === 'log' })),
    { name: scoreLabel(opts.metric, opts.metricName), log: false },
  ];
  const rows = points.map((p) => parallelValues(p, parameters));
  const extents = axes.map((axis, d) => {
    let [lo, hi] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const row of rows) [lo, hi] = [Math.min(lo, row[d] ?? lo), Math.max(hi, row[d] ?? hi)];
    return rows.length ? niceExtent(lo, hi, axis.log) : ([0, 1] as [number, number]);
  });
  const scores = points.map((p) => p.score);
  // Colours span the scores themselves (as the visualMap legend says), not the rounded axis.
  const [sLo, sHi] = scores.length ? [Math.min(...scores), Math.max(...scores)] : [0, 1];
  // Each line: its point count, then (axis index, position 0–1 along the axis) per axis; x and y swap when stacked.
  const scale = axes.map((axis, d) => {
    const [lo, hi] = (extents[d] ?? [0, 1]).map((v) => (axis.log ? Math.log10(v) : v)) as [number, number];
    return (v: number) => ((axis.log ? Math.log10(v) : v) - lo) / (hi - lo);
  });
  const line = (row: number[], into: number[]) => {
    into.push(axes.length);
    row.forEach((v, d) => {
      const at = scale[d]?.(v) ?? 0;
      if (narrow) into.push(at, d);
      else into.push(d, at);
    });
  };
  const bands = Array.from({ length: BANDS }, (): number[] => []);
  const inactive: number[] = [];
  rows.forEach((row, i) => {
    const t = sHi > sLo ? ((points[i]?.score ?? sLo) - sLo) / (sHi - sLo) : 1;
    const into =
      opts.active && !opts.active.has(i) ? inactive : bands[Math.min(BANDS - 1, Math.floor(t * BANDS))];
    line(row, into as number[]);
  });
  const best = rows[points.findIndex((p) => p.run.id === opts.bestRunId)];
  const bestLine: number[] = [];
  if (best) line(best, bestLine);
  const lines = (name: string, data: number[], lineStyle: Record<string, unknown>) => ({
    name,
    type: 'lines',
    coordinateSystem: 'cartesian2d',
    polyline: true,
    large: true,
    largeThreshold: 0,
    // The grid's clip rectangle falls between pixels: an anti-aliased clip costs 3× the drawing.
    clip: false,
    silent: true,
    // ECharts keeps flat data as a typed array, which must name its dimensions.
    dimensions: ['x', 'y'],
    lineStyle,
    data,
  });
  // Few runs: each line stands out; many: they blend into bands.
  const runLine = points.length < FEW_RUNS ? { width: 2, opacity: 0.9 } : { width: 1, opacity: 0.5 };
  const index = { type: 'value', min: 0, max: axes.length - 1, show: false };
  const position = { type: 'value', min: 0, max: 1, show: false };
  return {
    animation: false,
    // Axes over the lines (series are z 2), their tick labels haloed, so ticks stay readable.
    parallel: { ...box, z: 3 },
    parallelAxis: axes.map((axis, d) => ({
      dim: d,
      name: axis.name,
      axisLabel: { textBorderColor: '#fff', textBorderWidth: 2 },
      type: axis.log ? 'log' : 'value',
      min: extents[d]?.[0],
      max: extents[d]?.[1],
      // Brushing redraws every line: once, when the drag ends.
      realtime: false,
      // Stacked: the name above the axis's left end, on a light box over the lines.
      ...(narrow ? { nameLocation: 'start', nameGap: -2, nameTextStyle: NARROW_NAME } : {}),
    })),
    grid: { left: box.left, right: box.right, top: box.top, bottom: box.bottom, show: false },
    xAxis: narrow ? position : index,
    yAxis: narrow ? { ...index, inverse: true } : position,
    visualMap: {
      type: 'continuous',
      // A legend only: the lines carry their band's colour themselves.
      seriesIndex: [],
      min: sLo,
      max: sHi,
      inRange: { color: SCORE_COLORS },
      text: [sHi.toFixed(3), sLo.toFixed(3)],
      ...(narrow
        ? { orient: 'horizontal', left: 'center', bottom: 0, itemWidth: 12 }
        : { right: 8, top: 'middle' }),
    },
    // No series without lines: ECharts' large lines cannot draw an empty one.
    series: [
      lines('brushed out', inactive, { width: 1, color: INACTIVE_COLOR, opacity: 0.3 }),
      ...bands.map((data, b) => lines('runs', data, { ...runLine, color: scoreColor((b + 0.5) / BANDS) })),
      lines('best run', bestLine, { width: 3, color: BEST_COLOR, opacity: 1 }),
    ].filter((s) => s.data.length > 0),
  };
}
