import { describe, expect, it } from 'vitest';
import { buildCsvTable } from './buildCsvTable.js';
import { summarizeColumns } from './columnSummaries.js';
import { readCsvGrid } from './readCsvGrid.js';

const rows = Array.from(
  { length: 12 },
  (_, i) => `${i === 3 ? '' : i},${i % 3 ? 'red' : 'blue'},${i % 2 ? 'y' : 'n'}`,
);
const csv = buildCsvTable(readCsvGrid(['x,colour,label', ...rows].join('\n')), {
  datasetId: 'toy',
  targetColumn: 'label',
});

describe('summarizeColumns', () => {
  it('summarises a number column: missing cells, min, max, mean and a histogram over the present values', () => {
    const [x] = summarizeColumns(csv).columns;
    expect(x).toMatchObject({ name: 'x', role: 'feature', type: 'number', missing: 1, min: 0, max: 11 });
    expect(x!.mean).toBeCloseTo((66 - 3) / 11);
    expect(x!.histogram).toHaveLength(10);
    expect(x!.histogram!.reduce((a, b) => a + b, 0)).toBe(11);
    expect(x!.histogram![9]).toBe(2); // 10 and 11: the maximum lands in the last bin
  });

  it('summarises categories and the target by count, most frequent first, in the file column order', () => {
    const summary = summarizeColumns(csv);
    expect(summary).toMatchObject({ datasetId: 'toy', rows: 12 });
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'colour', 'label']);
    expect(summary.columns[1]).toMatchObject({
      type: 'category',
      missing: 0,
      distinct: 2,
      categories: [
        { value: 'red', count: 8 },
        { value: 'blue', count: 4 },
      ],
    });
    expect(summary.columns[2]).toMatchObject({ role: 'target', type: 'category', distinct: 2 });
  });
});
