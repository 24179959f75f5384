/**
 * Reads CSV text into a header and string cells with the line number of every record, so later
 * checks can say "Line 7, column "age"". papaparse does the parsing (quotes, delimiters).
 */
import { MlApiError } from '@trainyard/core';
import Papa from 'papaparse';
import { shown } from './shown.js';

export interface CsvRecord {
  /** 1-based line of the file where this record starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvGrid {
  header: string[];
  records: CsvRecord[];
}

const field = 'file';

/**
 * @example readCsvGrid('a,b\n1,2\n').records // [{ line: 2, cells: ['1', '2'] }]
 * @throws MlApiError VALIDATION for an empty file, a bad header, an open quote or a ragged row.
 */
export function readCsvGrid(text: string): CsvGrid {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw new MlApiError('VALIDATION', 'The CSV file is empty', { field });

  let header: string[] | undefined;
  const records: CsvRecord[] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(source, {
    step: (result, parser) => {
      const start = line;
      line += countNewlines(source, consumed, result.meta.cursor);
      consumed = result.meta.cursor;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        parser.abort();
        throw new MlApiError('VALIDATION', `Line ${start}: a quoted value is never closed`, { field });
      }
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
      if (!header) {
        header = checkHeader(cells.map((c) => c.trim()));
        return;
      }
      if (cells.length !== header.length) {
        parser.abort();
        throw new MlApiError(
          'VALIDATION',
          `Line ${start} has ${cells.length} ${cells.length === 1 ? 'value' : 'values'}, expected ${header.length} (as many as the header)`,
          { field },
        );
      }
      records.push({ line: start, cells });
    },
  });
  return { header: header!, records };
}

/** Longer header names are rejected: no real column is named with a paragraph. */
export const MAX_COLUMN_NAME = 200;

function checkHeader(names: string[]): string[] {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') {
      throw new MlApiError(
        'VALIDATION',
        `Line 1 (header): column ${i + 1} has no name; a header row is required`,
        {
          field,
        },
      );
    }
    if (name.length > MAX_COLUMN_NAME) {
      throw new MlApiError(
        'VALIDATION',
        `Line 1 (header): column ${i + 1}'s name is ${name.length} characters, at most ${MAX_COLUMN_NAME}: ${shown(name)}`,
        { field },
      );
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new MlApiError(
        'VALIDATION',
        `Line 1 (header): column name ${shown(name)} appears twice (columns ${before + 1} and ${i + 1})`,
        { field },
      );
    }
    seen.set(name, i);
  });
  return names;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
