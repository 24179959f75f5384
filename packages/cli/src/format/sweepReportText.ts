import { type ImportanceLevel, type ParameterImportance, paramLabel } from '@trainyard/core';
import type { Colors } from '../colors.js';
import type { SweepReport } from '../report/sweepReport.js';
import { formatReal, formatScore } from './numbers.js';
import { renderTable } from './table.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** How the importance was computed, in one line. */
export function importanceMethod(imp: ParameterImportance): string {
  if (imp.method === 'exact')
    return `exact functional ANOVA on the full grid (${imp.runs} runs, cell means; main effects, the rest is interactions)`;
  const interval = imp.bootstrap
    ? `, 95% bootstrap interval over ${imp.bootstrap.samples} resamples (seed ${imp.bootstrap.seed})`
    : '';
  return `estimated on ${imp.runs} sampled runs: ε² per parameter (one-way ANOVA, binned values)${interval}`;
}

/** What the report left out, e.g. '2 failed, 1 pruned'; '' when nothing. */
export function describeExcluded(excluded: ParameterImportance['excluded']): string {
  return Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${why}`)
    .join(', ');
}

const levelText = (l: ImportanceLevel) =>
  `${l.min === l.max ? formatReal(l.value) : `${formatReal(l.min)}–${formatReal(l.max)}`}: ${formatScore(l.mean)}`;

/** Three levels per line so a 10-level parameter stays readable. */
function levelsText(levels: readonly ImportanceLevel[]): string {
  const lines: string[] = [];
  for (let i = 0; i < levels.length; i += 3)
    lines.push(
      levels
        .slice(i, i + 3)
        .map(levelText)
        .join('   '),
    );
  return lines.join('\n');
}

/**
 * `trainyard sweep report` for people: the importance table (share of variance, marginal mean
 * score per value), the top runs by the selection metric, the best configuration as a command and,
 * when the other engine trained the same combinations, the framework comparison.
 */
export function formatSweepReport(report: SweepReport, c: Colors): string {
  const imp = report.importance;
  const out: string[] = [
    `${c.bold(report.sweep.name)} (${report.sweep.id}): ${report.sweep.status}, ${report.sweep.done}/${report.sweep.total} combinations done, ${report.sweep.strategy}`,
    `Score: ${report.metricLabel}${report.metric === 'val_score' ? '' : ' (not every run has a validation score)'}`,
  ];
  const excluded = describeExcluded(imp.excluded);
  if (excluded)
    out.push(`Left out: ${excluded} (pruned runs stopped early; their scores are not comparable)`);

  out.push('', c.bold('Parameter importance'));
  if (imp.problem) out.push(c.dim(imp.problem));
  else {
    out.push(`Method: ${importanceMethod(imp)}`);
    const rows = imp.parameters.map((p) => [
      paramLabel(p.parameter),
      p.interval ? `${pct(p.share)} (${pct(p.interval[0])}–${pct(p.interval[1])})` : pct(p.share),
      levelsText(p.levels),
    ]);
    const rest = imp.interactionsInterval
      ? `${pct(imp.interactions)} (${pct(imp.interactionsInterval[0])}–${pct(imp.interactionsInterval[1])})`
      : pct(imp.interactions);
    rows.push([imp.method === 'exact' ? 'interactions' : 'interactions + noise', rest, '']);
    out.push(
      renderTable(['parameter', 'share of variance', `marginal mean ${report.metricName} by value`], rows),
    );
    if (imp.constant.length)
      out.push(
        c.dim(
          `Constant: ${imp.constant.map((k) => `${paramLabel(k.parameter)} ${formatReal(k.value)}`).join(', ')}`,
        ),
      );
  }

  out.push('', c.bold(`Top runs by ${report.metricLabel}`));
  if (report.topRuns.length === 0) out.push(c.dim('No completed run.'));
  else {
    const varying = imp.parameters.map((p) => p.parameter);
    out.push(
      renderTable(
        [
          '#',
          'run',
          report.metricLabel,
          ...(report.metric === 'val_score' ? [`${report.metricName} (test)`] : []),
          ...varying.map(paramLabel),
        ],
        report.topRuns.map((r) => [
          String(r.rank),
          r.runId,
          formatScore(r.score),
          ...(report.metric === 'val_score' ? [formatScore(r.metric_score)] : []),
          ...varying.map((p) => formatReal(r[p])),
        ]),
      ),
    );
  }

  if (report.best) {
    out.push(
      '',
      c.bold(
        `Best configuration (run ${report.best.runId}, ${report.metricLabel} ${formatScore(report.best.score)})`,
      ),
      report.best.cliCommand,
    );
  }

  const fw = report.frameworks;
  if (fw) {
    const diff =
      fw.meanDifference >= 0 ? `+${formatScore(fw.meanDifference)}` : formatScore(fw.meanDifference);
    out.push(
      '',
      c.bold(`PyTorch vs TensorFlow on ${fw.datasetId} (same combinations and seed, test ${fw.metricName})`),
      `${fw.pairs.length} pairs: mean difference (tensorflow − pytorch) ${diff}; pytorch wins ${fw.pytorchWins}, tensorflow wins ${fw.tensorflowWins}, ties ${fw.ties}`,
    );
    if (fw.agreement)
      out.push(
        `Predictions of run ${fw.agreement.pytorchRunId} (pytorch) and ${fw.agreement.tensorflowRunId} (tensorflow) agree: ${fw.agreement.kind === 'labels' ? `${pct(fw.agreement.value)} of rows` : `R² ${formatScore(fw.agreement.value)}`}, ${fw.agreement.rows} rows (${fw.agreement.rowsScope})`,
      );
  }
  return out.join('\n');
}
