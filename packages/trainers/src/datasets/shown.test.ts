import { describe, expect, it } from 'vitest';
import { buildCsvTable } from './buildCsvTable.js';
import { readCsvGrid } from './readCsvGrid.js';
import { SHOWN_MAX, shown, shownList } from './shown.js';

describe('shown', () => {
  it('quotes short text as it is and cuts long text, saying how long it was', () => {
    expect(shown('species')).toBe('"species"');
    expect(shown('a'.repeat(1000))).toBe(`"${'a'.repeat(SHOWN_MAX)}…" (1000 characters)`);
    expect(shownList(Array.from({ length: 25 }, (_, i) => `c${i}`))).toMatch(/"c19" and 5 more$/);
  });

  it('keeps a CSV error short when the file puts a huge value where a name or number belongs', () => {
    const huge = 'x'.repeat(100_000);
    const badHeader = () => readCsvGrid(`${huge},y\n1,2\n`);
    expect(badHeader).toThrow(/column 1's name is 100000 characters, at most 200/);
    let message = '';
    try {
      badHeader();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.length).toBeLessThan(300);

    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 2}`);
    rows[5] = `${huge},1`;
    const grid = readCsvGrid(`a,y\n${rows.join('\n')}\n`);
    expect(() => buildCsvTable(grid, { datasetId: 'd', targetColumn: 'missing' })).toThrow(
      'Target column "missing" is not in the header (columns: "a", "y")',
    );
    expect(() => buildCsvTable(grid, { datasetId: 'd', targetColumn: 'y' })).toThrow(
      `Line 7, column "a" (column 1): "${'x'.repeat(SHOWN_MAX)}…" (100000 characters) is not a number, but the column is numeric`,
    );
  });
});
