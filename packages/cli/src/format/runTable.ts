import type { RunRow, StoredRun } from '@trainyard/core';
import { bestRun, formatDuration, runKindLabel, runNumber } from '@trainyard/core';
import type { Colors } from '../colors.js';
import { formatReal, formatScore, formatValScore } from './numbers.js';
import { renderTable } from './table.js';

export const BEST_MARK = '★';

export interface RunTableOptions {
  colors: Colors;
  /** Mark the best completed row with ★ and add a `best:` line (sweeps); off for mixed histories. */
  markBest?: boolean;
  /**
   * Add sweep, run number (as the sweep page numbers it), kind, created time, duration, framework
   * and dataset columns (runs across sweeps and datasets), and name and tags columns when a row has them.
   */
  showContext?: boolean;
}

/** An orchestrator's RunRow or a stored run, which may still be training (`result: 'running'`). */
type Row = Omit<RunRow, 'result'> &
  Pick<StoredRun, 'result'> &
  Partial<
    Pick<
      StoredRun,
      'mode' | 'kind' | 'createdAt' | 'sweepId' | 'combinationIndex' | 'durationMs' | 'name' | 'tags'
    >
  >;

/**
 * The run table of a sweep or a history: one line per row with every combination field, the
 * result, the metric, the validation score when a row has one (`± std` under k-fold) and both
 * losses; failures are listed below it with their reason. A run still training reads `running…`
 * with n/a metrics, never as a failure.
 */
export function formatRunTable(rows: readonly Row[], options: RunTableOptions): string {
  const c = options.colors;
  if (rows.length === 0) return c.dim('No runs.');
  const ranked = bestRun(rows);
  const best = options.markBest ? ranked.index : -1;
  const validation = rows.some((r) => r.val_score !== undefined);
  const labels = options.showContext && rows.some((r) => r.name || r.tags?.length);
  const head = [
    options.markBest ? BEST_MARK : '#',
    ...(options.showContext ? ['sweep', 'run', 'kind', 'created', 'duration', 'framework', 'dataset'] : []),
    ...(labels ? ['name', 'tags'] : []),
    'result',
    'epochs',
    'batch',
    'lr',
    'test',
    'hidden',
    'layers',
    'dropout',
    'metric',
    ...(validation ? ['val score'] : []),
    'score',
    'train loss',
    'test loss',
    'model',
  ];
  const body = rows.map((row, i) => {
    const isBest = i === best;
    const linear = row.mode === 'linear';
    const cells = [
      isBest ? c.yellow(BEST_MARK) : String(i + 1),
      ...(options.showContext ? contextCells(row) : []),
      ...(labels ? [row.name ?? '', (row.tags ?? []).join(', ')] : []),
      resultCell(row, c),
      String(row.epochs),
      String(row.batchSize),
      formatReal(row.learningRate),
      formatReal(row.testSize),
      linear ? '-' : String(row.hiddenDim),
      linear ? '-' : String(row.numHiddenLayers),
      linear ? '-' : formatReal(row.dropout),
      row.metric_name,
      ...(validation ? [formatValScore(row)] : []),
      formatScore(row.metric_score),
      formatScore(row.train_loss),
      formatScore(row.test_loss),
      row.modelId ?? '',
    ];
    return isBest ? cells.map((cell) => c.bold(cell)) : cells;
  });
  const lines = [renderTable(head, body)];
  const bestRow = rows[best];
  if (bestRow) {
    lines.push(
      `${c.yellow(BEST_MARK)} best: row ${best + 1}, ${bestScore(bestRow, ranked.by)}` +
        (bestRow.modelId
          ? `, model ${bestRow.modelId} (distil it: trainyard distill --teacher ${bestRow.modelId})`
          : ''),
    );
  }
  rows.forEach((row, i) => {
    if (row.result === 'failed') lines.push(c.red(`row ${i + 1} failed: ${row.error ?? 'unknown reason'}`));
  });
  return lines.join('\n');
}

/** How the best row won: its test score, or its validation score (± std under k-fold) with the test score beside. */
function bestScore(row: Row, by: 'val_score' | 'metric_score'): string {
  const test = `${row.metric_name} ${formatScore(row.metric_score)}`;
  return by === 'val_score' ? `validation ${row.metric_name} ${formatValScore(row)} (test ${test})` : test;
}

function contextCells(row: Row): string[] {
  const n = runNumber(row);
  return [
    row.sweepId?.slice(0, 8) ?? '-',
    n === undefined ? '' : `#${n}`,
    runKindLabel({ kind: row.kind ?? 'train', sweepId: row.sweepId }),
    row.createdAt ? row.createdAt.replace('T', ' ').slice(0, 19) : '',
    row.durationMs === undefined ? '' : formatDuration(row.durationMs),
    row.framework + (row.mode === 'linear' ? ' (linear)' : ''),
    row.datasetId,
  ];
}

function resultCell(row: Row, c: Colors): string {
  if (row.result === 'running') return c.cyan('running…');
  return row.result === 'completed' ? c.green('completed') : c.red('failed');
}
