/** Replays a model's stored preprocessing on new raw rows, so its predictions can be reproduced. */
import { MlApiError } from '@trainyard/core';
import type { PreprocessingMeta } from '../engine.js';

/** A raw row keyed by source column name, as read from a CSV or typed by a user. */
export type RawRow = Record<string, string | number | null | undefined>;

/**
 * Encodes and standardises rows exactly as prepareData did for the model's training data.
 * Unknown or empty categories encode as all zeros; a missing number becomes the training mean.
 * @example
 * const x = applyPreprocessing(model.preprocessing, [{ 'sepal length (cm)': 5.1, ... }]);
 * // x.length === rows.length * meta.featureColumns.length
 */
export function applyPreprocessing(meta: PreprocessingMeta, rows: readonly RawRow[]): Float32Array {
  const oneHot = new Map<string, { column: string; category: string }>();
  for (const { column, categories } of meta.categorical ?? []) {
    for (const category of categories) oneHot.set(`${column}=${category}`, { column, category });
  }
  const nFeatures = meta.featureColumns.length;
  const out = new Float32Array(rows.length * nFeatures);
  rows.forEach((row, r) => {
    meta.featureColumns.forEach((feature, j) => {
      const hot = oneHot.get(feature);
      const raw = hot
        ? String(row[hot.column] ?? '') === hot.category
          ? 1
          : 0
        : toNumber(row[feature], feature, r);
      out[r * nFeatures + j] = Number.isNaN(raw) ? 0 : (raw - meta.mean[j]!) / meta.std[j]!;
    });
  });
  return out;
}

/** Turns a regression model's standardised output back into the target's own units. */
export function restoreTarget(meta: PreprocessingMeta, prediction: number): number {
  return prediction * (meta.targetStd ?? 1) + (meta.targetMean ?? 0);
}

function toNumber(value: RawRow[string], column: string, row: number): number {
  if (value === null || value === undefined || value === '') return Number.NaN;
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (Number.isNaN(n)) {
    throw new MlApiError('VALIDATION', `Row ${row + 1}, column "${column}": "${value}" is not a number`, {
      field: column,
    });
  }
  return n;
}
