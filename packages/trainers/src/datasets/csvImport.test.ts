import { MlApiError } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import { buildCsvTable } from './buildCsvTable.js';
import { decodeCsvBytes } from './decodeCsvBytes.js';
import { readCsvGrid } from './readCsvGrid.js';

function csv(header: string, rows: string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}
const twelve = (f: (i: number) => string) => Array.from({ length: 12 }, (_, i) => f(i));

function build(text: string, targetColumn = 'y', task?: 'classification' | 'regression') {
  return buildCsvTable(
    readCsvGrid(text),
    task ? { datasetId: 'd', targetColumn, task } : { datasetId: 'd', targetColumn },
  );
}

function errorOf(fn: () => unknown): MlApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MlApiError) return err;
    throw err;
  }
  throw new Error('expected an MlApiError');
}

describe('CSV import parsing', () => {
  it('infers numeric and categorical columns and a text target as classification', () => {
    const { table, task, columns } = build(
      csv(
        'size,colour,y',
        twelve((i) => `${i + 0.5},${['red', 'blue'][i % 2]},${i < 6 ? 'small' : 'big'}`),
      ),
    );
    expect(task).toBe('classification');
    expect(columns).toEqual(['size', 'colour', 'y']);
    expect(table.features.map((f) => f.kind)).toEqual(['numeric', 'categorical']);
    expect(table.target.task === 'classification' && table.target.labels).toEqual(['big', 'small']);
  });

  it('takes a few distinct integers as classes, sorted numerically, and other numbers as regression', () => {
    const clf = build(
      csv(
        'x,y',
        twelve((i) => `${i},${[2, 10, 1][i % 3]}`),
      ),
    );
    expect(clf.table.target.task === 'classification' && clf.table.target.labels).toEqual(['1', '2', '10']);
    expect(
      build(
        csv(
          'x,y',
          twelve((i) => `${i},${i * 1.5}`),
        ),
      ).task,
    ).toBe('regression');
  });

  it('lets the caller override the inferred task', () => {
    expect(
      build(
        csv(
          'x,y',
          twelve((i) => `${i},${i % 2}`),
        ),
        'y',
        'regression',
      ).task,
    ).toBe('regression');
    expect(
      build(
        csv(
          'x,y',
          twelve((i) => `${i},${i * 1.5}`),
        ),
        'y',
        'classification',
      ).task,
    ).toBe('classification');
  });

  it('reads quoted values, CRLF line ends, a BOM and blank lines', () => {
    const text = `\uFEFFname,x,y\r\n${twelve((i) => `"Smith, ${i}",${i},${i % 2 ? 'a' : 'b'}`).join('\r\n\r\n')}\r\n`;
    const { table } = build(text);
    expect(table.rows).toBe(12);
    expect(table.features[0]!.values[0]).toBe('Smith, 0');
  });

  it('treats an empty numeric cell as missing (NaN)', () => {
    const { table } = build(
      csv(
        'x,y',
        twelve((i) => `${i === 4 ? '' : i},${i % 2}`),
      ),
    );
    expect(Number.isNaN(table.features[0]!.values[4] as number)).toBe(true);
  });

  it('rejects a ragged row with its line number', () => {
    const rows = twelve((i) => `${i},${i},${i % 2}`);
    rows[5] = '1,2';
    const err = errorOf(() => build(csv('a,b,y', rows)));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('Line 7 has 2 values, expected 3 (as many as the header)');
  });

  it('counts lines inside quoted multi-line values', () => {
    const rows = twelve((i) => `${i},${i % 2}`);
    rows[0] = '"multi\nline",0';
    rows[3] = '1,2,3';
    expect(errorOf(() => build(csv('a,y', rows))).message).toMatch(/^Line 6 has 3 values/);
  });

  it('rejects a non-numeric value in a numeric column naming line and column', () => {
    const rows = twelve((i) => `${i},${i},${i % 2}`);
    rows[2] = '3,abc,1';
    const err = errorOf(() => build(csv('a,age,y', rows)));
    expect(err.message).toBe(
      'Line 4, column "age" (column 2): "abc" is not a number, but the column is numeric',
    );
    expect(err.field).toBe('file');
  });

  it('rejects an empty file', () => {
    expect(errorOf(() => build('')).message).toBe('The CSV file is empty');
    expect(errorOf(() => build(' \n\n')).message).toBe('The CSV file is empty');
  });

  it('rejects a missing target column, listing the header', () => {
    const err = errorOf(() =>
      build(
        csv(
          'a,b',
          twelve((i) => `${i},${i}`),
        ),
        'label',
      ),
    );
    expect(err.message).toBe('Target column "label" is not in the header (columns: "a", "b")');
    expect(err.field).toBe('targetColumn');
  });

  it('rejects a target with a single class', () => {
    const err = errorOf(() =>
      build(
        csv(
          'x,y',
          twelve((i) => `${i},yes`),
        ),
      ),
    );
    expect(err.message).toBe('Target column "y" has a single class ("yes"); classification needs at least 2');
  });

  it('rejects too few rows', () => {
    expect(errorOf(() => build(csv('x,y', ['1,a', '2,b']))).message).toBe(
      'The CSV has 2 data rows; at least 10 are needed',
    );
  });

  it('rejects an empty target cell, a text target for regression and an unnamed or repeated header column', () => {
    const rows = twelve((i) => `${i},${i % 2}`);
    rows[8] = '8,';
    expect(errorOf(() => build(csv('x,y', rows))).message).toBe(
      'Line 10, column "y": the target value is empty',
    );
    expect(
      errorOf(() =>
        build(
          csv(
            'x,y',
            twelve((i) => `${i},${i % 2 ? 'a' : 'b'}`),
          ),
          'y',
          'regression',
        ),
      ).message,
    ).toBe('Line 2, column "y": "b" is not a number, so the target cannot be used for regression');
    expect(
      errorOf(() =>
        build(
          csv(
            'x,,y',
            twelve((i) => `${i},1,${i % 2}`),
          ),
        ),
      ).message,
    ).toMatch(/column 2 has no name/);
    expect(
      errorOf(() =>
        build(
          csv(
            'x,x,y',
            twelve((i) => `${i},1,${i % 2}`),
          ),
        ),
      ).message,
    ).toMatch(/column name "x" appears twice \(columns 1 and 2\)/);
  });

  it('rejects a never-closed quote and a free-text column with too many categories', () => {
    expect(errorOf(() => build('x,y\n1,"a\n')).message).toBe('Line 2: a quoted value is never closed');
    const many = Array.from({ length: 120 }, (_, i) => `name${i},${i},${i % 2}`);
    expect(errorOf(() => build(csv('name,x,y', many))).message).toMatch(
      /Column "name" has 120 distinct text values/,
    );
  });
});

describe('CSV numbers that overflow', () => {
  it('refuses a feature cell past ±1.8e308, naming line and column, instead of importing Infinity', () => {
    const text = csv(
      'a,b,y',
      twelve((i) => `${i},${i === 4 ? '1e400' : i},${i % 2 ? 'x' : 'z'}`),
    );
    const err = errorOf(() => build(text));
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'file' });
    expect(err.message).toBe(
      'Line 6, column "b" (column 2): "1e400" is too large for a number (it overflows to infinity); rescale the column or leave the cell empty',
    );
  });

  it('refuses an overflowing target, for regression and for numeric class labels', () => {
    const regression = csv(
      'a,y',
      twelve((i) => `${i},${i === 0 ? '-1e999' : i * 0.5}`),
    );
    expect(errorOf(() => build(regression, 'y', 'regression')).message).toMatch(
      /^Line 2, column "y" \(column 2\): "-1e999" is too large for a number/,
    );
    const labels = csv(
      'a,y',
      twelve((i) => `${i},${i === 11 ? '1e400' : i % 2}`),
    );
    expect(errorOf(() => build(labels, 'y', 'classification')).message).toMatch(
      /^Line 13, column "y" \(column 2\): "1e400" is too large/,
    );
  });
});

describe('CSV text encodings', () => {
  const text = csv(
    'a,y',
    twelve((i) => `${i},${i % 2 ? 'é' : 'ü'}`),
  );

  it('converts UTF-16 with a byte-order mark (both byte orders) and strips a UTF-8 BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeCsvBytes(le)).toBe(text);
    expect(decodeCsvBytes(be)).toBe(text);
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(build(decodeCsvBytes(le)).table.rows).toBe(12);
  });

  it('refuses other encodings as "not UTF-8 text" instead of a wrong line count', () => {
    const latin1 = Buffer.from(text, 'latin1');
    expect(errorOf(() => decodeCsvBytes(latin1))).toMatchObject({ code: 'VALIDATION', field: 'file' });
    expect(errorOf(() => decodeCsvBytes(latin1)).message).toMatch(/^The CSV file is not UTF-8 text/);
    const utf16NoBom = Buffer.from(text, 'utf16le');
    expect(errorOf(() => decodeCsvBytes(utf16NoBom)).message).toMatch(
      /^The CSV file is not UTF-8 text: byte 2 is a NUL/,
    );
  });

  it('refuses an image or an empty file before decoding or parsing it', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    expect(errorOf(() => decodeCsvBytes(png))).toMatchObject({ code: 'VALIDATION', field: 'file' });
    expect(errorOf(() => decodeCsvBytes(png)).message).toMatch(
      /^The file is not a text CSV: it looks like a PNG/,
    );
    expect(errorOf(() => decodeCsvBytes(Buffer.alloc(0))).message).toMatch(/^The CSV file is empty/);
  });
});
