/**
 * Raw rows (as a user sends them) → the raw-in model's input matrix (models/rawLayers.ts), with
 * every cell checked: a missing column, a non-number or an unknown category is a VALIDATION error
 * naming the row (1-based) and the column.
 */
import { MlApiError, type PredictRow } from '@trainyard/core';
import { readCsvGrid } from '../datasets/readCsvGrid.js';
import type { PreprocessingMeta } from '../engine.js';
import type { RawRow } from '../preprocessing/applyPreprocessing.js';
import { type RawColumn, rawColumns } from './rawLayers.js';

function invalid(row: number, column: string, message: string): MlApiError {
  return new MlApiError('VALIDATION', `Row ${row + 1}, column "${column}": ${message}`, { field: column });
}

/**
 * @example
 * const x = encodeRawRows(meta, [{ 'sepal length (cm)': 5.1, ... }]); // x.length === rows × raw columns
 */
export function encodeRawRows(meta: PreprocessingMeta, rows: readonly (PredictRow | RawRow)[]): Float32Array {
  const columns = rawColumns(meta);
  const codes = columns.map((c) =>
    c.kind === 'categorical' ? new Map(c.categories.map((k, i) => [k, i])) : undefined,
  );
  const out = new Float32Array(rows.length * columns.length);
  rows.forEach((row, r) => {
    if (Array.isArray(row) && row.length !== columns.length) {
      throw new MlApiError(
        'VALIDATION',
        `Row ${r + 1}: ${row.length} values for ${columns.length} columns (${columns.map((c) => c.name).join(', ')})`,
        { field: 'rows' },
      );
    }
    if (row === null || typeof row !== 'object') {
      throw new MlApiError('VALIDATION', `Row ${r + 1}: expected an object or an array, got ${String(row)}`, {
        field: 'rows',
      });
    }
    columns.forEach((column, c) => {
      const value = Array.isArray(row) ? row[c] : (row as RawRow)[column.name];
      if (!Array.isArray(row) && !Object.hasOwn(row, column.name)) throw invalid(r, column.name, 'missing');
      out[r * columns.length + c] = encodeCell(meta, column, codes[c], value, r);
    });
  });
  return out;
}

function encodeCell(
  meta: PreprocessingMeta,
  column: RawColumn,
  codes: Map<string, number> | undefined,
  value: unknown,
  r: number,
): number {
  const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  if (column.kind === 'categorical') {
    if (empty) return -1; // missing: every one-hot input 0, as in training
    const code = codes!.get(String(value));
    if (code === undefined) {
      const known = column.categories.slice(0, 10).join(', ');
      throw invalid(r, column.name, `unknown category "${String(value).slice(0, 100)}" (known: ${known})`);
    }
    return code;
  }
  // A missing number is the training mean, i.e. 0 after standardisation, as in training.
  if (empty) return meta.mean[column.input]!;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw invalid(r, column.name, `"${String(value).slice(0, 100)}" is not a number`);
  return n;
}

/**
 * The rows of a CSV text (header line first), keyed by column name; extra columns (e.g. the
 * target) are carried along and ignored by encodeRawRows.
 * @example csvInputRows('a,b\n1,x\n') // [{ a: '1', b: 'x' }]
 */
export function csvInputRows(text: string): Array<Record<string, string>> {
  const { header, records } = readCsvGrid(text);
  return records.map(({ cells }) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
