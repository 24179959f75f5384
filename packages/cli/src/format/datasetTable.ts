import type { DatasetOption, DatasetRows } from '@trainyard/core';
import type { Colors } from '../colors.js';
import { formatCount } from './numbers.js';
import { renderTable } from './table.js';

/** The manifest as a table: id first, since every other command takes it. */
export function formatDatasetTable(datasets: readonly DatasetOption[], c: Colors): string {
  if (datasets.length === 0) return c.dim('No datasets.');
  return renderTable(
    ['id', 'name', 'task', 'target', 'features', 'rows', 'classes', 'origin'],
    datasets.map((d) => [
      c.bold(d.id),
      d.name,
      d.task,
      d.targetColumn,
      String(d.featureColumns.length),
      formatCount(d.rows),
      d.classes === undefined ? '-' : String(d.classes),
      d.builtIn ? 'built-in' : 'imported',
    ]),
  );
}

/** One dataset's manifest entry as `key: value` lines. */
export function formatDatasetInfo(d: DatasetOption): string {
  return [
    `${d.id}: ${d.name}`,
    `  task:     ${d.task}${d.classes === undefined ? '' : ` (${d.classes} classes)`}`,
    `  target:   ${d.targetColumn}`,
    `  features: ${d.featureColumns.length} (${d.featureColumns.join(', ')})`,
    `  rows:     ${formatCount(d.rows)}`,
    `  source:   ${d.source}; licence: ${d.license}`,
  ].join('\n');
}

/** A page of rows under its header, with the row numbers and the total. */
export function formatDatasetRows(page: DatasetRows): string {
  const table = renderTable(
    ['#', ...page.columns],
    page.rows.map((row, i) => [
      String(page.offset + i + 1),
      ...row.map((v) => (v === null ? '' : String(v))),
    ]),
  );
  return `${table}\nrows ${page.rows.length === 0 ? 0 : page.offset + 1}-${page.offset + page.rows.length} of ${formatCount(page.total)}`;
}
