import { describe, expect, it } from 'vitest';
import { twoByTwoGrid } from '../testFixtures.js';
import { niceExtent, parallelCoordinatesOption } from './parallelCoordinatesOption.js';
import { scoredRuns } from './scoredRuns.js';

const runs = twoByTwoGrid();
const { scored } = scoredRuns(runs);
const opts = { metric: 'metric_score' as const, metricName: 'accuracy', bestRunId: 'd' };
type Lines = Array<{
  name: string;
  type: string;
  large: boolean;
  data: number[];
  lineStyle: { color: string };
}>;

describe('parallel coordinates (ECharts option, plain data)', () => {
  it('gives one parallel axis per parameter plus the score, on rounded extents', () => {
    const option = parallelCoordinatesOption(scored, ['learningRate', 'hiddenDim'], opts);
    expect(JSON.parse(JSON.stringify(option))).toEqual(option);
    expect(
      (option.parallelAxis as Array<{ name: string; type: string; min: number; max: number }>).map((a) => [
        a.name,
        a.type,
        a.min,
        a.max,
      ]),
    ).toEqual([
      ['Learning rate', 'log', 0.001, 0.1],
      ['Hidden dim', 'value', 15, 35],
      ['accuracy (test)', 'value', 0.6, 1],
    ]);
    expect(option.visualMap).toMatchObject({ min: 0.6, max: 0.95, seriesIndex: [] });
  });

  it('draws each run as a line through the axes (index, position 0–1), in its score band, the best run on top', () => {
    const option = parallelCoordinatesOption(scored, ['learningRate', 'hiddenDim'], opts);
    const series = option.series as Lines;
    expect(series.every((s) => s.type === 'lines' && s.large)).toBe(true);
    // Lowest score first, in the lowest band's colour (#313695 → #4575b4 at 5 × 0.5/24); its line:
    // 3 points, lr 0.001 at the bottom of 0.001–0.1 (log), hidden 16 at 1/20 of 15–35, score 0.6
    // at the bottom of 0.6–1.
    expect(series[0]).toMatchObject({ name: 'runs', lineStyle: { color: 'rgb(51,61,152)' } });
    expect(series[0]?.data).toEqual([3, 0, 0, 1, 0.05, 2, 0]);
    expect(series.map((s) => s.name)).toEqual(['runs', 'runs', 'runs', 'runs', 'best run']);
    const best = series.at(-1)?.data ?? [];
    expect(best.slice(0, 5)).toEqual([3, 0, 1, 1, 0.85]);
    expect(best[6]).toBeCloseTo(0.875);
  });

  it('draws the runs outside a brush grey, underneath; stacks the axes when narrow', () => {
    const brushed = parallelCoordinatesOption(scored, ['learningRate', 'hiddenDim'], {
      ...opts,
      active: new Set([3]),
    });
    const series = brushed.series as Lines;
    expect(series.map((s) => s.name)).toEqual(['brushed out', 'runs', 'best run']);
    expect(series[0]?.data.filter((v) => v === 3)).toHaveLength(3);
    const narrow = parallelCoordinatesOption(scored, ['learningRate', 'hiddenDim'], {
      ...opts,
      narrow: true,
    });
    expect(narrow.parallel).toMatchObject({ layout: 'vertical' });
    // Stacked: (position, axis index) per point, the first axis at the top.
    expect((narrow.series as Lines)[0]?.data).toEqual([3, 0, 0, 0.05, 1, 0, 2]);
    expect(narrow.yAxis).toMatchObject({ inverse: true, max: 2 });
  });

  it('rounds axis extents out to 1, 2 or 5 × 10^k steps, and to powers of ten on a log axis', () => {
    expect(niceExtent(5, 50, false)).toEqual([0, 50]);
    expect(niceExtent(16, 128, false)).toEqual([0, 150]);
    expect(niceExtent(0.612, 0.961, false)).toEqual([0.6, 1]);
    expect(niceExtent(3, 3, false)).toEqual([2, 4]);
    expect(niceExtent(0.0001, 0.0999, true)).toEqual([0.0001, 0.1]);
    expect(niceExtent(0.01, 0.01, true)).toEqual([0.01, 0.1]);
  });
});
