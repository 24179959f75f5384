import { describe, expect, it } from 'vitest';
import { twoByTwoGrid } from '../testFixtures.js';
import {
  curvesOption,
  DENSE_SCATTER_RUNS,
  importanceChartOption,
  scoreScatterGridOption,
  scoreScatterOption,
} from './chartOptions.js';
import { parameterImportance } from './parameterImportance.js';
import { scoredRuns } from './scoredRuns.js';

const runs = twoByTwoGrid();
const { scored } = scoredRuns(runs);
const opts = { metric: 'metric_score' as const, metricName: 'accuracy', bestRunId: 'd' };
/** Plain data: survives JSON unchanged (no functions, no class instances), so web and CLI share it. */
const plain = (option: unknown) => expect(JSON.parse(JSON.stringify(option))).toEqual(option);

describe('chart options (ECharts, plain data)', () => {
  it('draws the importance bars in percent, most important on top, interactions last', () => {
    const option = importanceChartOption(parameterImportance(runs));
    plain(option);
    // Cells 0.6 0.7 / 0.8 0.95: mean 0.7625, variance (0.1625² + 0.0625² + 0.0375² + 0.1875²) / 4 = 0.01671875.
    // lr marginals 0.65 / 0.875 → effect variance 0.1125² = 0.01265625 → 75.7%;
    // hiddenDim 0.7 / 0.825 → 0.0625² = 0.00390625 → 23.4%; interactions 0.0125² = 0.00015625 → 0.9%.
    const yAxis = option.yAxis as { data: string[] };
    expect(yAxis.data).toEqual(['interactions', 'Hidden dim', 'Learning rate']);
    const bars = (
      option.series as Array<{ data: Array<{ value: number; label: { formatter: string } }> }>
    )[0]!.data;
    expect(bars.map((b) => [b.value, b.label.formatter])).toEqual([
      [0.9, '0.9%'],
      [23.4, '23.4%'],
      [75.7, '75.7%'],
    ]);
  });

  it('plots score against a parameter on a log axis for the learning rate, the best run marked', () => {
    const option = scoreScatterOption(scored, 'learningRate', opts);
    plain(option);
    expect(option.xAxis).toMatchObject({ type: 'log', name: 'Learning rate' });
    expect(option.yAxis).toMatchObject({ name: 'accuracy (test)' });
    const [all, best] = option.series as Array<{ data: number[][] }>;
    expect(all?.data).toHaveLength(4);
    expect(best?.data).toEqual([[0.1, 0.95]]);
    expect(scoreScatterOption(scored, 'hiddenDim', opts).xAxis).toMatchObject({ type: 'value' });
  });

  it('draws a dense scatter with 3 px squares (ECharts fills symbols under 4 px with fillRect)', () => {
    const size = (n: number) => {
      const many = Array.from({ length: n }, (_, i) => ({
        ...scored[i % 4]!,
        run: { ...scored[i % 4]!.run },
      }));
      return (scoreScatterOption(many, 'hiddenDim', opts).series as Array<{ symbolSize: number }>)[0]
        ?.symbolSize;
    };
    expect(size(DENSE_SCATTER_RUNS - 1)).toBe(8);
    expect(size(DENSE_SCATTER_RUNS)).toBe(3);
  });

  it('lays the scatters out in one chart, a grid per parameter, `columns` per row', () => {
    const option = scoreScatterGridOption(scored, ['learningRate', 'hiddenDim', 'epochs'], {
      ...opts,
      columns: 2,
      panelHeight: 200,
    });
    plain(option);
    expect(option.grid).toMatchObject([
      { left: '1%', width: '46%', top: 40, height: 112 },
      { left: '51%', width: '46%', top: 40 },
      { left: '1%', top: 240 },
    ]);
    expect(
      (option.xAxis as Array<{ name: string; type: string; gridIndex: number }>).map((a) => [
        a.name,
        a.type,
        a.gridIndex,
      ]),
    ).toEqual([
      ['Learning rate', 'log', 0],
      ['Hidden dim', 'value', 1],
      ['Epochs', 'value', 2],
    ]);
    const series = option.series as Array<{
      name: string;
      xAxisIndex: number;
      yAxisIndex: number;
      data: number[][];
    }>;
    expect(series.map((s) => [s.name, s.xAxisIndex, s.yAxisIndex])).toEqual([
      ['runs', 0, 0],
      ['best run', 0, 0],
      ['runs', 1, 1],
      ['best run', 1, 1],
      ['runs', 2, 2],
      ['best run', 2, 2],
    ]);
    expect(series[3]?.data).toEqual([[32, 0.95]]);
  });

  it('draws loss curves per epoch and the validation score on a second axis, prefixed per run when overlaid', () => {
    const history = [
      { epoch: 1, epochs: 2, train_loss: 1, test_loss: 1.1, val_loss: 1.2, val_score: 0.5 },
      { epoch: 2, epochs: 2, train_loss: 0.5, test_loss: 0.6, val_loss: 0.7, val_score: 0.8 },
    ];
    const one = curvesOption([{ name: 'run 1', history }], { metricName: 'accuracy' });
    plain(one);
    const names = (o: typeof one) => (o.series as Array<{ name: string }>).map((s) => s.name);
    expect(names(one)).toEqual(['train loss', 'test loss', 'validation loss', 'validation accuracy']);
    expect((one.series as Array<{ data: unknown; yAxisIndex?: number }>)[3]).toMatchObject({
      data: [
        [1, 0.5],
        [2, 0.8],
      ],
      yAxisIndex: 1,
    });
    expect(one.xAxis).toMatchObject({ minInterval: 1 });
    const noValidation = history.map(({ val_loss: _l, val_score: _s, ...e }) => e);
    const two = curvesOption(
      [
        { name: 'run 1', history },
        { name: 'run 2', history: noValidation },
      ],
      { metricName: 'accuracy' },
    );
    expect(names(two)).toEqual([
      'run 1: train loss',
      'run 1: test loss',
      'run 1: validation loss',
      'run 1: validation accuracy',
      'run 2: train loss',
      'run 2: test loss',
    ]);
  });
});
