import { endedCount, type SweepRecord, sweepDisplayName } from '@trainyard/core';
import type { Colors } from '../colors.js';
import { formatScore } from './numbers.js';
import { renderTable } from './table.js';

/** The best score of a sweep, saying whether it is the validation or the test score. */
export function formatSweepBest(s: SweepRecord): string {
  return s.best
    ? `${s.best.validation ? 'val' : 'test'} ${s.best.metric_name} ${formatScore(s.best.score)}`
    : 'n/a';
}

/** Sweeps, id first (the other sweep commands take it), named as the Sweeps page names them. */
export function formatSweepTable(sweeps: readonly SweepRecord[], c: Colors): string {
  if (sweeps.length === 0) return c.dim('No sweeps match: start one with trainyard sweep.');
  return renderTable(
    ['sweep', 'name', 'status', 'progress', 'dataset', 'framework', 'created', 'best', 'tags'],
    sweeps.map((s) => [
      c.bold(s.id),
      sweepDisplayName(s),
      s.status,
      `${endedCount(s)}/${s.total}`,
      s.fields.datasetId,
      s.fields.mode === 'linear' ? `${s.fields.framework} (linear)` : s.fields.framework,
      s.createdAt.replace('T', ' ').slice(0, 19),
      formatSweepBest(s),
      (s.tags ?? []).join(', '),
    ]),
  );
}
