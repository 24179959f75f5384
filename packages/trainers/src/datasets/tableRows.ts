/** Pages of display rows cut from a parsed table, in the file's column order. */
import { type DatasetRows, type DatasetRowsPage, MlApiError } from '@trainyard/core';
import type { CsvTable } from './buildCsvTable.js';

export const DEFAULT_PAGE_ROWS = 100;
export const MAX_PAGE_ROWS = 1_000;

/**
 * Validates a page request; `limit` above the cap is capped, past-the-end offsets give no rows.
 * @example pageBounds({ offset: 140, limit: 50 }, 150) // { offset: 140, limit: 10 }
 */
export function pageBounds(page: DatasetRowsPage, total: number): { offset: number; limit: number } {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? DEFAULT_PAGE_ROWS;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new MlApiError('VALIDATION', `Offset must be a whole number ≥ 0: ${offset}`, { field: 'offset' });
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new MlApiError('VALIDATION', `Limit must be a whole number ≥ 1: ${limit}`, { field: 'limit' });
  }
  return { offset, limit: Math.max(0, Math.min(limit, MAX_PAGE_ROWS, total - offset)) };
}

export function tableRows(csv: CsvTable, offset: number, limit: number): DatasetRows['rows'] {
  const { table } = csv;
  const byName = new Map(table.features.map((f) => [f.name, f]));
  const readers = csv.columns.map((name): ((i: number) => string | number | null) => {
    const feature = byName.get(name);
    if (feature?.kind === 'numeric') return (i) => nullIfNaN(feature.values[i]!);
    if (feature) return (i) => feature.values[i] || null;
    const target = table.target;
    if (target.task === 'classification') return (i) => target.labels[target.codes[i]!]!;
    return (i) => nullIfNaN(target.values[i]!);
  });
  const rows: DatasetRows['rows'] = [];
  for (let i = offset; i < offset + limit; i++) rows.push(readers.map((read) => read(i)));
  return rows;
}

function nullIfNaN(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
