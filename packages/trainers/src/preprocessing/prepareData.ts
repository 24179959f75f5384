/**
 * The one preprocessing both engines share: seeded (stratified) split, one-hot encoding of
 * categorical columns, standardisation fitted on the training rows only, label-encoded targets.
 */
import { checkNumber, FIELD_RULES, MlApiError } from '@trainyard/core';
import type { DatasetTable, FeatureColumn } from '../datasets/datasetTable.js';
import type { PreparedData, PreprocessingMeta } from '../engine.js';
import { assignFolds, foldSplit } from './folds.js';
import { randomSplit, type SplitIndices, stratifiedSplit } from './split.js';

export interface PrepareOptions {
  /** Share of rows held out for testing, in (0, 1). */
  testSize: number;
  seed: number;
  /** Share of the non-test rows held out for validation, in [0, 1); default 0 (no validation rows). */
  validationSize?: number;
  /**
   * k-fold cross-validation instead of a validation split: fold `index` (0-based) of a seeded,
   * stratified partition of the non-test rows into `folds` validates, the other folds train (and fit
   * the preprocessing). The test rows are those of the two-way split. Excludes `validationSize` > 0.
   */
  fold?: { folds: number; index: number };
}

/** Row indices of the three parts of a prepared dataset. */
export interface RowSplit {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

/** One model input: reads the raw value of row `i` (NaN when missing). */
interface InputColumn {
  name: string;
  value(i: number): number;
}

/**
 * Splits, encodes and standardises a table into the arrays the engines train on.
 * @example
 * const data = prepareData(table, { testSize: 0.2, seed: 42 });
 * data.xTrain.length === data.nTrain * data.nFeatures; // row-major
 */
export function prepareData(table: DatasetTable, options: PrepareOptions): PreparedData {
  const { testSize, seed, validationSize = 0 } = options;
  const split = splitRows(table, options);
  const target = table.target;

  const { inputs, categorical } = encodeInputs(table.features);
  const nFeatures = inputs.length;
  const mean: number[] = [];
  const std: number[] = [];
  const xTrain = new Float32Array(split.train.length * nFeatures);
  const xVal = new Float32Array(split.val.length * nFeatures);
  const xTest = new Float32Array(split.test.length * nFeatures);
  inputs.forEach((input, j) => {
    const fit = finiteFit(
      table.datasetId,
      input.name,
      meanStd(split.train, (i) => input.value(i)),
    );
    mean.push(fit.mean);
    std.push(fit.std);
    fillColumn(xTrain, split.train, j, nFeatures, input, fit);
    fillColumn(xVal, split.val, j, nFeatures, input, fit);
    fillColumn(xTest, split.test, j, nFeatures, input, fit);
  });

  const preprocessing: PreprocessingMeta = {
    datasetId: table.datasetId,
    task: target.task,
    targetColumn: table.targetColumn,
    featureColumns: inputs.map((input) => input.name),
    mean,
    std,
    testSize,
    seed,
  };
  if (categorical.length > 0) preprocessing.categorical = categorical;
  if (validationSize > 0) preprocessing.validationSize = validationSize;

  let targetOf: (i: number) => number;
  if (target.task === 'classification') {
    preprocessing.labels = [...target.labels];
    targetOf = (i) => target.codes[i]!;
  } else {
    // A standardised target lets Adam's default step sizes fit values such as diabetes' 25..346.
    const fit = finiteFit(
      table.datasetId,
      table.targetColumn,
      meanStd(split.train, (i) => target.values[i]!),
    );
    preprocessing.targetMean = fit.mean;
    preprocessing.targetStd = fit.std;
    targetOf = (i) => (target.values[i]! - fit.mean) / fit.std;
  }

  return {
    task: target.task,
    nFeatures,
    nClasses: target.task === 'classification' ? target.labels.length : 1,
    nTrain: split.train.length,
    nVal: split.val.length,
    nTest: split.test.length,
    xTrain,
    yTrain: Float32Array.from(split.train, targetOf),
    xVal,
    yVal: Float32Array.from(split.val, targetOf),
    xTest,
    yTest: Float32Array.from(split.test, targetOf),
    preprocessing,
  };
}

/**
 * The rows of each part: the seeded (stratified) test split, then a validation split or fold carved
 * from the rest with the same rule, checked against the request.
 *
 * @example splitRows(table, { testSize: 0.2, seed: 42, fold: { folds: 5, index: 0 } }).val // fold 1 of 5
 */
export function splitRows(
  table: DatasetTable,
  { testSize, seed, validationSize = 0, fold }: PrepareOptions,
): RowSplit {
  if (!(testSize > 0 && testSize < 1)) {
    throw new MlApiError('VALIDATION', `Test size out of range (0-1, exclusive): ${testSize}`, {
      field: 'testSize',
    });
  }
  const badValidationSize = checkNumber(FIELD_RULES.validationSize, validationSize);
  if (badValidationSize !== null) {
    throw new MlApiError('VALIDATION', badValidationSize, { field: 'validationSize' });
  }
  if (table.rows < 2) {
    throw new MlApiError(
      'VALIDATION',
      `Dataset ${table.datasetId} has ${table.rows} rows; at least 2 are needed`,
      {
        field: 'datasetId',
      },
    );
  }
  const target = table.target;
  const splitOf = (rows: Int32Array, size: number): SplitIndices => {
    const part =
      target.task === 'classification'
        ? stratifiedSplit(
            Int32Array.from(rows, (i) => target.codes[i]!),
            target.labels.length,
            size,
            seed,
          )
        : randomSplit(rows.length, size, seed);
    return { train: part.train.map((k) => rows[k]!), test: part.test.map((k) => rows[k]!) };
  };
  const all = Int32Array.from({ length: table.rows }, (_, i) => i);
  const outer = splitOf(all, testSize);
  if (fold) return { ...foldRows(table, outer.train, fold, seed), test: outer.test };
  // The validation rows come out of the training part with the same seeded (stratified) rule; the
  // test rows are exactly those of a two-way split, and with validationSize 0 so is everything else.
  const inner: SplitIndices =
    validationSize > 0
      ? splitOf(outer.train, validationSize)
      : { train: outer.train, test: new Int32Array(0) };
  if (validationSize > 0 && (inner.train.length < 1 || inner.test.length < 1)) {
    throw new MlApiError(
      'VALIDATION',
      `Dataset ${table.datasetId} has too few training rows (${outer.train.length}) for a validation split`,
      { field: 'validationSize' },
    );
  }
  return { train: inner.train, val: inner.test, test: outer.test };
}

/** Fold `fold.index` of the non-test rows: it validates, the other folds train. */
function foldRows(
  table: DatasetTable,
  rows: Int32Array,
  fold: NonNullable<PrepareOptions['fold']>,
  seed: number,
): { train: Int32Array; val: Int32Array } {
  const badFolds = checkNumber(FIELD_RULES.folds, fold.folds);
  if (badFolds !== null) throw new MlApiError('VALIDATION', badFolds, { field: 'folds' });
  if (rows.length < fold.folds) {
    throw new MlApiError(
      'VALIDATION',
      `Dataset ${table.datasetId} has too few training rows (${rows.length}) for ${fold.folds} folds`,
      { field: 'folds' },
    );
  }
  const target = table.target;
  const classes =
    target.task === 'classification'
      ? { codes: Int32Array.from(rows, (i) => target.codes[i]!), nClasses: target.labels.length }
      : undefined;
  return foldSplit(rows, assignFolds(rows.length, fold.folds, seed, classes), fold.index);
}

/**
 * Numeric columns pass through; a categorical column becomes one 0/1 input per category, named
 * `column=category`, categories sorted so the layout does not depend on row order. An empty cell
 * is "missing": all its one-hot inputs stay 0.
 */
function encodeInputs(features: FeatureColumn[]): {
  inputs: InputColumn[];
  categorical: NonNullable<PreprocessingMeta['categorical']>;
} {
  const inputs: InputColumn[] = [];
  const categorical: NonNullable<PreprocessingMeta['categorical']> = [];
  for (const column of features) {
    if (column.kind === 'numeric') {
      const values = column.values;
      inputs.push({ name: column.name, value: (i) => values[i]! });
      continue;
    }
    const categories = [...new Set(column.values)].filter((c) => c !== '').sort();
    categorical.push({ column: column.name, categories });
    const values = column.values;
    for (const category of categories) {
      inputs.push({ name: `${column.name}=${category}`, value: (i) => (values[i] === category ? 1 : 0) });
    }
  }
  return { inputs, categorical };
}

/** Population mean and std over the given rows, skipping NaN; a constant column gets std 1; overflow gives Infinity. */
export function meanStd(rows: Int32Array, value: (i: number) => number): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  for (const i of rows) {
    const v = value(i);
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let sq = 0;
  for (const i of rows) {
    const v = value(i);
    if (!Number.isNaN(v)) sq += (v - mean) ** 2;
  }
  const std = n > 0 ? Math.sqrt(sq / n) : 0;
  // Overflow (values near ±1.8e308) stays visible as Infinity for finiteFit to report.
  return { mean, std: std > 0 || !Number.isFinite(std) ? std : 1 };
}

/**
 * A scaler that overflowed would turn every value into ±Infinity or NaN, and the training would
 * then "diverge" and blame the learning rate: say what is wrong with the data instead.
 */
function finiteFit(datasetId: string, column: string, fit: { mean: number; std: number }) {
  if (Number.isFinite(fit.mean) && Number.isFinite(fit.std)) return fit;
  throw new MlApiError(
    'VALIDATION',
    `Dataset ${datasetId}: column "${column}" has values too large to standardise (their mean or spread overflows a 64-bit number); rescale the column (e.g. divide it by a power of ten) or remove it`,
    { field: 'datasetId' },
  );
}

/** Writes standardised column `j`; a missing value becomes the training mean, i.e. 0. */
function fillColumn(
  out: Float32Array,
  rows: Int32Array,
  j: number,
  nFeatures: number,
  input: InputColumn,
  fit: { mean: number; std: number },
): void {
  rows.forEach((i, r) => {
    const v = input.value(i);
    out[r * nFeatures + j] = Number.isNaN(v) ? 0 : (v - fit.mean) / fit.std;
  });
}
