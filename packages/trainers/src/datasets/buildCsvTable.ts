/**
 * Turns a CSV grid into a typed DatasetTable: infers numeric vs categorical per column, infers
 * classification vs regression from the target (overridable) and rejects what cannot train.
 */
import { MlApiError, type TaskKind } from '@trainyard/core';
import type { DatasetTable, FeatureColumn, TargetColumn } from './datasetTable.js';
import type { CsvGrid, CsvRecord } from './readCsvGrid.js';
import { shown, shownList } from './shown.js';

/** Fewer rows than this cannot be split into a meaningful train and test part. */
export const MIN_ROWS = 10;
/** More distinct text values than this in a feature is almost surely an id or free text. */
export const MAX_CATEGORIES = 100;
export const MAX_CLASSES = 100;
/** An integer target with at most this many distinct values is taken as class labels. */
const MAX_INFERRED_CLASSES = 20;

export interface BuildCsvTableOptions {
  datasetId: string;
  targetColumn: string;
  /** Overrides the inference from the target's values. */
  task?: TaskKind;
  /** Class order for classification (the built-ins keep scikit-learn's); default sorted. */
  labels?: string[];
}

export interface CsvTable {
  table: DatasetTable;
  task: TaskKind;
  /** Header order, target included; rows pages use it. */
  columns: string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isNumberText(text: string): boolean {
  return NUMBER.test(text.trim());
}

/**
 * @example buildCsvTable(readCsvGrid(text), { datasetId: 'x', targetColumn: 'species' }).task // 'classification'
 */
export function buildCsvTable(grid: CsvGrid, options: BuildCsvTableOptions): CsvTable {
  const { header, records } = grid;
  const targetIndex = header.indexOf(options.targetColumn);
  if (targetIndex === -1) {
    throw new MlApiError(
      'VALIDATION',
      `Target column ${shown(options.targetColumn)} is not in the header (columns: ${shownList(header)})`,
      { field: 'targetColumn' },
    );
  }
  if (header.length < 2) {
    throw new MlApiError('VALIDATION', 'The CSV needs at least one feature column besides the target', {
      field: 'file',
    });
  }
  if (records.length < MIN_ROWS) {
    throw new MlApiError(
      'VALIDATION',
      `The CSV has ${records.length} data rows; at least ${MIN_ROWS} are needed`,
      {
        field: 'file',
      },
    );
  }

  const features: FeatureColumn[] = [];
  header.forEach((name, j) => {
    if (j !== targetIndex) features.push(featureColumn(name, j, records));
  });
  const target = targetColumn(options, targetIndex, records);
  return {
    table: {
      datasetId: options.datasetId,
      targetColumn: options.targetColumn,
      rows: records.length,
      features,
      target,
    },
    task: target.task,
    columns: header,
  };
}

/** Numeric when most non-empty cells are numbers; then any other text is an error, not a category. */
function featureColumn(name: string, j: number, records: CsvRecord[]): FeatureColumn {
  const cells = records.map((r) => r.cells[j]!.trim());
  if (mostlyNumeric(cells)) return { name, kind: 'numeric', values: toNumbers(cells, name, j, records) };
  const distinct = new Set(cells.filter((c) => c !== ''));
  if (distinct.size > MAX_CATEGORIES) {
    throw new MlApiError(
      'VALIDATION',
      `Column ${shown(name)} has ${distinct.size} distinct text values; at most ${MAX_CATEGORIES} categories can be one-hot encoded (remove the column or make it numeric)`,
      { field: 'file' },
    );
  }
  return { name, kind: 'categorical', values: cells };
}

function targetColumn(options: BuildCsvTableOptions, j: number, records: CsvRecord[]): TargetColumn {
  const name = options.targetColumn;
  const cells = records.map((r) => r.cells[j]!.trim());
  const empty = cells.indexOf('');
  if (empty !== -1) {
    throw new MlApiError(
      'VALIDATION',
      `Line ${records[empty]!.line}, column ${shown(name)}: the target value is empty`,
      {
        field: 'targetColumn',
      },
    );
  }
  const numeric = mostlyNumeric(cells);
  const task = options.task ?? inferTask(cells, numeric);
  if (task === 'regression') {
    if (!numeric) {
      const bad = cells.findIndex((c) => !isNumberText(c));
      throw new MlApiError(
        'VALIDATION',
        `Line ${records[bad]!.line}, column ${shown(name)}: ${shown(cells[bad] ?? '')} is not a number, so the target cannot be used for regression`,
        { field: 'targetColumn' },
      );
    }
    return { task, values: toNumbers(cells, name, j, records) };
  }

  // Numeric class labels are canonicalised ("1.0" and "1" are one class) and sorted numerically.
  const labelsOf = numeric
    ? cells.map((c, i) => String(isNumberText(c) ? finiteNumber(c, name, j, records[i]!) : Number(c)))
    : cells;
  const distinct = [...new Set(labelsOf)];
  const labels =
    options.labels ?? (numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort());
  if (distinct.length < 2) {
    throw new MlApiError(
      'VALIDATION',
      `Target column ${shown(name)} has a single class (${shown(String(distinct[0]))}); classification needs at least 2`,
      { field: 'targetColumn' },
    );
  }
  if (distinct.length > MAX_CLASSES) {
    throw new MlApiError(
      'VALIDATION',
      `Target column ${shown(name)} has ${distinct.length} distinct values; classification supports at most ${MAX_CLASSES} classes (use regression for a numeric target)`,
      { field: 'targetColumn' },
    );
  }
  const index = new Map(labels.map((label, k) => [label, k]));
  const codes = new Int32Array(cells.length);
  labelsOf.forEach((label, i) => {
    const code = index.get(label);
    if (code === undefined) {
      throw new MlApiError(
        'VALIDATION',
        `Line ${records[i]!.line}, column ${shown(name)}: unknown class ${shown(String(label))}`,
        {
          field: 'targetColumn',
        },
      );
    }
    codes[i] = code;
  });
  return { task: 'classification', labels, codes };
}

/** Text labels, or a few distinct integers, mean classes; other numbers mean regression. */
function inferTask(cells: string[], numeric: boolean): TaskKind {
  if (!numeric) return 'classification';
  const values = cells.map(Number);
  if (!values.every(Number.isInteger)) return 'regression';
  const distinct = new Set(values).size;
  return distinct <= Math.min(MAX_INFERRED_CLASSES, Math.floor(cells.length / 2))
    ? 'classification'
    : 'regression';
}

function mostlyNumeric(cells: string[]): boolean {
  let numbers = 0;
  let filled = 0;
  for (const c of cells) {
    if (c === '') continue;
    filled++;
    if (isNumberText(c)) numbers++;
  }
  return filled > 0 && numbers * 2 > filled;
}

/** Empty cells become NaN (missing, imputed at training time); other non-numbers are errors. */
function toNumbers(cells: string[], name: string, j: number, records: CsvRecord[]): Float64Array {
  const out = new Float64Array(cells.length);
  cells.forEach((c, i) => {
    if (c === '') {
      out[i] = Number.NaN;
      return;
    }
    if (!isNumberText(c)) {
      throw new MlApiError(
        'VALIDATION',
        `Line ${records[i]!.line}, column ${shown(name)} (column ${j + 1}): ${shown(c)} is not a number, but the column is numeric`,
        { field: 'file' },
      );
    }
    out[i] = finiteNumber(c, name, j, records[i]!);
  });
  return out;
}

/**
 * A number cell as a finite double. A value past ±1.8e308 (`1e400`) would become Infinity and
 * every training on the set would then "diverge": it is refused, naming line and column (an empty
 * cell is the importer's only way to say "missing").
 */
function finiteNumber(cell: string, name: string, j: number, record: CsvRecord): number {
  const value = Number(cell);
  if (Number.isFinite(value)) return value;
  throw new MlApiError(
    'VALIDATION',
    `Line ${record.line}, column ${shown(name)} (column ${j + 1}): ${shown(cell)} is too large for a number (it overflows to infinity); rescale the column or leave the cell empty`,
    { field: 'file' },
  );
}
