#!/usr/bin/env node
// Sweep analysis (issue 14) on 10,000 runs, side by side: parameter importance on a full
// 10 × 10 × 10 × 10 grid (exact fANOVA) against a 10,000-run random search (ε² with 200 bootstrap
// resamples), the top runs, and each chart of `trainyard sweep report --html` rendered to SVG by
// ECharts' server-side renderer. Median of 5 rounds (--rounds).
//
//   node bench/sweepAnalysis.mjs [--runs 10000] [--rounds 5]   (build first: npm run build)
import { parseArgs } from 'node:util';
import * as echarts from 'echarts';
import {
  curvesOption,
  importanceChartOption,
  mulberry32,
  parallelCoordinatesOption,
  parameterImportance,
  scoredRuns,
  scoreScatterOption,
  topRuns,
} from '../packages/core/dist/index.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } },
});
const RUNS = Number(values.runs);
const ROUNDS = Number(values.rounds);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const ms = [];
  let out;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    out = fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), out };
}

const random = mulberry32(1);
const run = (i, c) => ({
  id: `r${i}`,
  sweepId: 's',
  combinationIndex: i,
  result: 'completed',
  datasetId: 'iris',
  metric_name: 'accuracy',
  batchSize: 32,
  testSize: 0.2,
  numHiddenLayers: 2,
  dropout: 0.1,
  ...c,
  metric_score: 0.9 - 0.05 * (Math.log10(c.learningRate) + 2) ** 2 + 0.02 * random(),
});
const side = Math.round(RUNS ** 0.25);
const grid = [];
for (let a = 0; a < side; a++)
  for (let b = 0; b < side; b++)
    for (let c = 0; c < side; c++)
      for (let d = 0; d < side; d++)
        grid.push(
          run(grid.length, {
            epochs: 10 + a,
            learningRate: 10 ** (-4 + (3 * b) / side),
            hiddenDim: 16 + 8 * c,
            dropout: d / 20,
          }),
        );
const sampled = Array.from({ length: RUNS }, (_, i) =>
  run(i, {
    epochs: 10 + Math.floor(random() * 90),
    learningRate: 10 ** (-4 + 3 * random()),
    hiddenDim: 16 + Math.floor(random() * 240),
    dropout: random() * 0.5,
  }),
);

const exact = time(() => parameterImportance(grid));
const estimated = time(() => parameterImportance(sampled));
const top = time(() => topRuns(sampled, 10));
console.log(
  `parameter importance, ${grid.length.toLocaleString('en-US')}-run full grid (exact): ${exact.ms.toFixed(1)} ms [${exact.out.method}]`,
);
console.log(
  `parameter importance, ${RUNS.toLocaleString('en-US')} sampled runs (estimate, 200 resamples): ${estimated.ms.toFixed(1)} ms [${estimated.out.method}]`,
);
console.log(`  ratio estimate / exact: ${(estimated.ms / exact.ms).toFixed(1)}×`);
console.log(`top 10 runs of ${RUNS.toLocaleString('en-US')}: ${top.ms.toFixed(1)} ms`);

const { scored } = scoredRuns(sampled);
const opts = { metric: 'metric_score', metricName: 'accuracy', bestRunId: top.out.scored[0].run.id };
const history = Array.from({ length: 100 }, (_, e) => ({
  epoch: e + 1,
  epochs: 100,
  train_loss: 1 / (e + 1),
  test_loss: 1.1 / (e + 1),
  val_loss: 1.2 / (e + 1),
  val_score: 1 - 1 / (e + 2),
}));
const charts = {
  importance: importanceChartOption(estimated.out),
  'score vs learning rate': scoreScatterOption(scored, 'learningRate', opts),
  'parallel coordinates': parallelCoordinatesOption(
    scored,
    ['epochs', 'learningRate', 'hiddenDim', 'dropout'],
    opts,
  ),
  'best run curves (100 epochs)': curvesOption([{ name: 'best', history }], { metricName: 'accuracy' }),
};
for (const [name, option] of Object.entries(charts)) {
  const rendered = time(() => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 1000, height: 400 });
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    chart.dispose();
    return svg;
  });
  console.log(
    `SVG (server-side) ${name}, ${RUNS.toLocaleString('en-US')} runs: ${rendered.ms.toFixed(0)} ms, ${Math.round(rendered.out.length / 1024)} KB`,
  );
}
