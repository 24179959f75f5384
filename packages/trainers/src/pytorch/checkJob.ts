import { MlApiError } from '@trainyard/core';
import type { ModelParams, PreparedData } from '../engine.js';

function invalid(field: string, message: string): MlApiError {
  return new MlApiError('VALIDATION', message, { field });
}

/**
 * Guards what reaches python: the sweep validators check user input earlier, this catches
 * callers that build jobs by hand, with an error naming the field and the value.
 */
export function checkParams(p: ModelParams, prefix = ''): void {
  const rules: Array<[keyof ModelParams, (v: number) => boolean, string]> = [
    ['epochs', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'],
    ['batchSize', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'],
    ['learningRate', (v) => Number.isFinite(v) && v > 0, 'a positive number'],
    ['hiddenDim', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'],
    ['numHiddenLayers', (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer'],
    ['dropout', (v) => Number.isFinite(v) && v >= 0 && v < 1, 'in [0, 1)'],
    ['seed', (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer'],
  ];
  for (const [field, ok, expected] of rules) {
    const value = p[field];
    if (typeof value !== 'number' || !ok(value)) {
      throw invalid(`${prefix}${field}`, `${prefix}${field} must be ${expected}: ${String(value)}`);
    }
  }
}

export function checkData(d: PreparedData): void {
  const sizes: Array<[keyof PreparedData, Float32Array, number]> = [
    ['xTrain', d.xTrain, d.nTrain * d.nFeatures],
    ['yTrain', d.yTrain, d.nTrain],
    ['xTest', d.xTest, d.nTest * d.nFeatures],
    ['yTest', d.yTest, d.nTest],
  ];
  if (d.nTrain < 1) throw invalid('nTrain', `The training split is empty: nTrain = ${d.nTrain}`);
  for (const [field, array, expected] of sizes) {
    if (array.length !== expected) {
      throw invalid(field, `${field} has ${array.length} values, expected ${expected}`);
    }
  }
  if (d.task === 'classification' && !(d.nClasses >= 2)) {
    throw invalid('nClasses', `Classification needs at least 2 classes: ${d.nClasses}`);
  }
}

export function checkDistillWeights(job: { temperature: number; alpha: number }): void {
  if (!(Number.isFinite(job.temperature) && job.temperature > 0)) {
    throw invalid('temperature', `Temperature must be a positive number: ${String(job.temperature)}`);
  }
  if (!(Number.isFinite(job.alpha) && job.alpha >= 0 && job.alpha <= 1)) {
    throw invalid(
      'alpha',
      `Alpha (weight on the teacher's soft targets) must be in [0, 1]: ${String(job.alpha)}`,
    );
  }
}
