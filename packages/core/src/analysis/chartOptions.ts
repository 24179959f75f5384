/**
 * Apache ECharts option objects for the sweep analysis views, shared by the web (interactive
 * charts) and `trainyard sweep report --html` (server-side SVG). Plain data only: no ECharts import,
 * no functions, so core stays isomorphic and the same numbers reach both.
 */
import { FIELD_RULES } from '../fieldRules.js';
import type { RunParam } from '../runFilter.js';
import type { EpochEvent } from '../types.js';
import type { ParameterImportance } from './parameterImportance.js';
import type { AnalysedRun, SelectionMetric } from './scoredRuns.js';

/** An ECharts option (`chart.setOption(option)`). */
export type ChartOption = Record<string, unknown>;

/** A scored run as the charts draw it (scoredRuns(runs).scored). */
export interface ChartPoint {
  run: AnalysedRun;
  score: number;
}

export const BEST_COLOR = '#d62728';
/** Low to high score, as the parallel coordinates colour their lines. */
export const SCORE_COLORS = ['#313695', '#4575b4', '#74add1', '#fdae61', '#f46d43', '#a50026'];

/** What the score charts say of the runs: which score, its name, the best run to mark. */
export interface ScoreChartOpts {
  metric: SelectionMetric;
  metricName: string;
  bestRunId?: string;
}

/** How a parameter is named on an axis. */
export function paramLabel(parameter: RunParam): string {
  return parameter === 'epochs' ? 'Epochs' : FIELD_RULES[parameter].label;
}

/** How the score is named on an axis, e.g. 'accuracy (validation)'. */
export function scoreLabel(metric: SelectionMetric, metricName: string): string {
  return `${metricName || 'score'} (${metric === 'val_score' ? 'validation' : 'test'})`;
}

/** Learning rates span decades: a log axis (the other parameters are linear). */
export const axisType = (parameter: RunParam) => (parameter === 'learningRate' ? 'log' : 'value');

const percent = (share: number) => Math.round(share * 1000) / 10;

/**
 * Horizontal bars: each varying parameter's share of the score variance (and the interactions),
 * most important on top, in percent; an estimate's bar is labelled with its 95% interval.
 *
 * @example importanceChartOption(parameterImportance(runs))
 */
export function importanceChartOption(importance: ParameterImportance): ChartOption {
  const bars = [
    ...importance.parameters.map((p) => ({
      name: paramLabel(p.parameter),
      value: percent(p.share),
      label: p.interval
        ? `${percent(p.share)}% (${percent(p.interval[0])}–${percent(p.interval[1])}%)`
        : `${percent(p.share)}%`,
      color: '#4575b4',
    })),
    {
      name: importance.method === 'exact' ? 'interactions' : 'interactions + noise',
      value: percent(importance.interactions),
      label: `${percent(importance.interactions)}%`,
      color: '#9e9e9e',
    },
  ].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 120, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, name: '% of variance', nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: bars.map((b) => b.name) },
    series: [
      {
        type: 'bar',
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: { color: b.color },
          label: { show: true, position: 'right', formatter: b.label },
        })),
      },
    ],
  };
}

/**
 * From this many runs a scatter draws 3 px squares instead of 8 px dots: ECharts fills symbols
 * under 4 px with one fillRect each (its `large` fast path), not a path per point, and small
 * squares keep a dense cloud readable.
 */
export const DENSE_SCATTER_RUNS = 2000;

/**
 * Score against one parameter: one dot per run, the best run marked (log axis for learning rate).
 *
 * @example scoreScatterOption(scored, 'learningRate', { metric: 'val_score', metricName: 'accuracy', bestRunId: 'r3' })
 */
export function scoreScatterOption(
  points: readonly ChartPoint[],
  parameter: RunParam,
  opts: ScoreChartOpts,
): ChartOption {
  const best = points.find((p) => p.run.id === opts.bestRunId);
  const dense = points.length >= DENSE_SCATTER_RUNS;
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 32, bottom: 40, containLabel: true },
    legend: { top: 0, right: 0, data: ['runs', 'best run'] },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: axisType(parameter),
      name: paramLabel(parameter),
      nameLocation: 'middle',
      nameGap: 28,
      scale: true,
    },
    yAxis: {
      type: 'value',
      name: scoreLabel(opts.metric, opts.metricName),
      nameTextStyle: { align: 'left' },
      scale: true,
    },
    series: [
      {
        name: 'runs',
        type: 'scatter',
        symbolSize: dense ? 3 : 8,
        large: true,
        itemStyle: { color: '#4575b4', opacity: 0.6 },
        data: points.map((p) => [p.run[parameter], p.score]),
      },
      {
        name: 'best run',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: BEST_COLOR },
        data: best ? [[best.run[parameter], best.score]] : [],
      },
    ],
  };
}

/**
 * The score against each parameter in ONE chart: a grid per parameter (scoreScatterOption's
 * axes and series), `columns` side by side, `panelHeight` px per row, one legend. One chart
 * draws 10,000 runs × 6 parameters in a third of the time six charts take (one canvas, one
 * model, one layout pass).
 *
 * @example scoreScatterGridOption(scored, ['learningRate', 'hiddenDim'], { metric: 'val_score', metricName: 'accuracy', columns: 2, panelHeight: 260 })
 */
export function scoreScatterGridOption(
  points: readonly ChartPoint[],
  parameters: readonly RunParam[],
  opts: ScoreChartOpts & { columns: number; panelHeight: number },
): ChartOption {
  const columns = Math.max(1, Math.min(opts.columns, parameters.length));
  const width = 100 / columns;
  const panels = parameters.map((p) => scoreScatterOption(points, p, opts));
  const pick = (key: 'xAxis' | 'yAxis', i: number) => ({
    ...(panels[i]?.[key] as Record<string, unknown>),
    gridIndex: i,
  });
  return {
    animation: false,
    legend: { top: 0, right: 0, data: ['runs', 'best run'] },
    tooltip: { trigger: 'item' },
    grid: parameters.map((_, i) => ({
      left: `${(i % columns) * width + 1}%`,
      width: `${width - 4}%`,
      top: Math.floor(i / columns) * opts.panelHeight + 40,
      height: opts.panelHeight - 88,
      containLabel: true,
    })),
    xAxis: parameters.map((_, i) => pick('xAxis', i)),
    yAxis: parameters.map((_, i) => pick('yAxis', i)),
    series: panels.flatMap((panel, i) =>
      (panel.series as Array<Record<string, unknown>>).map((s) => ({ ...s, xAxisIndex: i, yAxisIndex: i })),
    ),
  };
}

/** One run's per-epoch history, named for the legend. */
export interface CurveRun {
  name: string;
  history: readonly EpochEvent[];
}

/**
 * Loss curves per epoch (train, test, validation when recorded) and the validation score on a
 * second axis, for one run or several overlaid (compare); integer epoch ticks.
 *
 * @example curvesOption([{ name: 'run 3', history }], { metricName: 'accuracy' })
 */
export function curvesOption(runs: readonly CurveRun[], opts: { metricName: string }): ChartOption {
  const series: Array<Record<string, unknown>> = [];
  const line = (name: string, data: Array<[number, number]>, extra: Record<string, unknown>) => {
    if (data.length > 0) series.push({ name, type: 'line', showSymbol: false, data, ...extra });
  };
  for (const run of runs) {
    const prefix = runs.length > 1 ? `${run.name}: ` : '';
    const of = (key: 'train_loss' | 'test_loss' | 'val_loss' | 'val_score') =>
      run.history.flatMap(
        (e): Array<[number, number]> => (typeof e[key] === 'number' ? [[e.epoch, e[key]]] : []),
      );
    line(`${prefix}train loss`, of('train_loss'), {});
    line(`${prefix}test loss`, of('test_loss'), { lineStyle: { type: 'dashed' } });
    line(`${prefix}validation loss`, of('val_loss'), { lineStyle: { type: 'dotted' } });
    line(`${prefix}validation ${opts.metricName}`, of('val_score'), { yAxisIndex: 1 });
  }
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 56, bottom: 40, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 1 },
    yAxis: [
      { type: 'value', name: 'loss', scale: true },
      { type: 'value', name: opts.metricName, scale: true, splitLine: { show: false } },
    ],
    series,
  };
}
