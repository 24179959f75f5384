/** Per-column summaries of a parsed table: what the dataset page shows above the rows. */
import type { ColumnSummary, DatasetSummary } from '@trainyard/core';
import type { CsvTable } from './buildCsvTable.js';

export const HISTOGRAM_BINS = 10;
export const TOP_CATEGORIES = 10;

/**
 * One summary per column, in the file's column order: numbers get min/max/mean and a histogram,
 * categories their most frequent values; both count missing cells.
 *
 * @example summarizeColumns(csv).columns[0] // { name: 'sepal_length', type: 'number', min: 4.3, max: 7.9, ... }
 */
export function summarizeColumns(csv: CsvTable): DatasetSummary {
  const { table } = csv;
  const byName = new Map(table.features.map((f) => [f.name, f]));
  const columns = csv.columns.map((name): ColumnSummary => {
    const feature = byName.get(name);
    if (feature?.kind === 'numeric') return numberSummary(name, 'feature', feature.values);
    if (feature) return categorySummary(name, 'feature', feature.values, (v) => v || undefined);
    const target = table.target;
    if (target.task === 'regression') return numberSummary(name, 'target', target.values);
    return categorySummary(name, 'target', Array.from(target.codes), (code) => target.labels[code]);
  });
  return { datasetId: table.datasetId, rows: table.rows, columns };
}

function numberSummary(name: string, role: ColumnSummary['role'], values: ArrayLike<number>): ColumnSummary {
  let missing = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const present = values.length - missing;
  if (present === 0) return { name, role, type: 'number', missing };
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (max - min) / HISTOGRAM_BINS;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const bin = width === 0 ? 0 : Math.min(HISTOGRAM_BINS - 1, Math.floor((v - min) / width));
    histogram[bin]!++;
  }
  return { name, role, type: 'number', missing, min, max, mean: sum / present, histogram };
}

function categorySummary<T>(
  name: string,
  role: ColumnSummary['role'],
  values: ArrayLike<T>,
  label: (v: T) => string | undefined,
): ColumnSummary {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const value = label(values[i]!);
    if (value === undefined) missing++;
    else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const categories = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, TOP_CATEGORIES);
  return { name, role, type: 'category', missing, categories, distinct: counts.size };
}
