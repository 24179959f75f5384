import {
  type ChartOption,
  curvesOption,
  importanceChartOption,
  type ParameterImportance,
  parallelCoordinatesOption,
  paramLabel,
  type StoredRun,
  scoredRuns,
  scoreScatterOption,
} from '@trainyard/core';
import { formatReal, formatScore } from '../format/numbers.js';
import { describeExcluded, importanceMethod } from '../format/sweepReportText.js';
import type { SweepReport } from './sweepReport.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Renders ECharts options to SVG strings in this process: ECharts' server-side SVG renderer, no browser. */
async function svgRenderer(): Promise<(option: ChartOption, width: number, height: number) => string> {
  const echarts = await import('echarts');
  return (option, width, height) => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      chart.setOption(option);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  };
}

function table(head: string[], rows: string[][]): string {
  const cells = (tag: string, row: string[]) =>
    `<tr>${row.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells('th', head)}</thead><tbody>${rows.map((r) => cells('td', r)).join('')}</tbody></table>`;
}

function importanceTable(imp: ParameterImportance, metricName: string): string {
  const rows = imp.parameters.map((p) => [
    escapeHtml(paramLabel(p.parameter)),
    p.interval ? `${pct(p.share)} (${pct(p.interval[0])}–${pct(p.interval[1])})` : pct(p.share),
    p.levels
      .map(
        (l) =>
          `${l.min === l.max ? formatReal(l.value) : `${formatReal(l.min)}–${formatReal(l.max)}`}: ${formatScore(l.mean)}`,
      )
      .join('<br>'),
  ]);
  rows.push([imp.method === 'exact' ? 'interactions' : 'interactions + noise', pct(imp.interactions), '']);
  return table(['parameter', 'share of variance', `marginal mean ${escapeHtml(metricName)}`], rows);
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #eee}.muted{color:#666}`;

/**
 * `trainyard sweep report --html FILE`: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched) with the report's tables and charts: importance bars, score against
 * each parameter (log axis for learning rate, best run marked), parallel coordinates and the best
 * run's curves, drawn by ECharts' server-side SVG renderer from core's chart options.
 */
export async function renderHtmlReport(report: SweepReport, runs: readonly StoredRun[]): Promise<string> {
  const svg = await svgRenderer();
  const imp = report.importance;
  const { scored } = scoredRuns(runs, report.metric);
  const varying = imp.parameters.map((p) => p.parameter);
  const chartOpts = { metric: report.metric, metricName: report.metricName, bestRunId: report.best?.runId };
  const chart = (option: ChartOption, width: number, height: number) =>
    `<div class="chart">${svg(option, width, height)}</div>`;
  const bestRun = runs.find((r) => r.id === report.best?.runId);
  const s = report.sweep;
  const excluded = describeExcluded(imp.excluded);

  const sections: string[] = [
    `<h1>${escapeHtml(s.name)}</h1>`,
    `<p>Sweep <code>${escapeHtml(s.id)}</code>: ${escapeHtml(s.status)}, ${s.done}/${s.total} combinations done, ${escapeHtml(s.strategy)}; ` +
      `dataset <code>${escapeHtml(s.datasetId)}</code>, ${escapeHtml(s.framework)}${s.mode === 'linear' ? ' (linear)' : ''}. ` +
      `Runs ranked by <b>${escapeHtml(report.metricLabel)}</b>.${excluded ? ` Left out: ${escapeHtml(excluded)}.` : ''}</p>`,
    '<h2>Parameter importance</h2>',
  ];
  if (imp.problem) sections.push(`<p class="muted">${escapeHtml(imp.problem)}</p>`);
  else {
    sections.push(
      `<p class="muted">${escapeHtml(importanceMethod(imp))}</p>`,
      chart(importanceChartOption(imp), 720, 60 + 36 * (imp.parameters.length + 1)),
      importanceTable(imp, report.metricName),
    );
  }
  if (scored.length > 0 && varying.length > 0) {
    sections.push(
      `<h2>${escapeHtml(report.metricLabel)} against each parameter</h2>`,
      `<div class="charts">${varying.map((p) => chart(scoreScatterOption(scored, p, chartOpts), 520, 320)).join('')}</div>`,
      '<h2>Parallel coordinates</h2>',
      chart(parallelCoordinatesOption(scored, varying, chartOpts), 1060, 420),
    );
  }
  sections.push(`<h2>Top runs by ${escapeHtml(report.metricLabel)}</h2>`);
  sections.push(
    report.topRuns.length === 0
      ? '<p class="muted">No completed run.</p>'
      : table(
          [
            '#',
            'run',
            escapeHtml(report.metricLabel),
            'test score',
            ...varying.map((p) => escapeHtml(paramLabel(p))),
          ],
          report.topRuns.map((r) => [
            String(r.rank),
            `<code>${escapeHtml(r.runId)}</code>`,
            formatScore(r.score),
            formatScore(r.metric_score),
            ...varying.map((p) => formatReal(r[p])),
          ]),
        ),
  );
  if (report.best) {
    sections.push(
      `<h2>Best configuration: run <code>${escapeHtml(report.best.runId)}</code>, ${escapeHtml(report.metricLabel)} ${formatScore(report.best.score)}</h2>`,
      '<p>Command line:</p>',
      `<pre>${escapeHtml(report.best.cliCommand)}</pre>`,
      '<p>Body for <code>POST /api/sweeps</code>:</p>',
      `<pre>${escapeHtml(JSON.stringify(report.best.apiBody, null, 2))}</pre>`,
      '<p>Core <code>TrainingCombination</code>:</p>',
      `<pre>${escapeHtml(JSON.stringify(report.best.combination, null, 2))}</pre>`,
    );
  }
  if (bestRun?.history?.length) {
    sections.push(
      '<h2>Best run: curves per epoch</h2>',
      chart(
        curvesOption([{ name: `run ${bestRun.id}`, history: bestRun.history }], {
          metricName: report.metricName,
        }),
        1060,
        360,
      ),
    );
  }
  const fw = report.frameworks;
  if (fw) {
    sections.push(
      `<h2>PyTorch vs TensorFlow on ${escapeHtml(fw.datasetId)}</h2>`,
      `<p>${fw.pairs.length} pairs with the same combination and seed (test ${escapeHtml(fw.metricName)}): mean difference (tensorflow − pytorch) ${formatScore(fw.meanDifference)}; pytorch wins ${fw.pytorchWins}, tensorflow wins ${fw.tensorflowWins}, ties ${fw.ties}.</p>`,
    );
    if (fw.agreement) {
      const a = fw.agreement;
      sections.push(
        `<p>Predictions of run <code>${escapeHtml(a.pytorchRunId)}</code> (pytorch) and <code>${escapeHtml(a.tensorflowRunId)}</code> (tensorflow) agree: ${a.kind === 'labels' ? `${pct(a.value)} of rows` : `R² ${formatScore(a.value)}`}, ${a.rows} rows (${escapeHtml(a.rowsScope)}).</p>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Trainyard sweep report: ${s.name}`)}</title><style>${STYLE}</style></head>
<body>
${sections.join('\n')}
<p class="muted">Generated by <code>trainyard sweep report</code>. Charts: Apache ECharts, server-side SVG.</p>
</body></html>
`;
}
