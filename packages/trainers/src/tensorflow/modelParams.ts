import { MlApiError } from '@trainyard/core';
import type { ModelParams } from '../engine.js';
import type { MlpSpec } from './mlp.js';

const reject = (field: string, value: unknown, rule: string): never => {
  throw new MlApiError('VALIDATION', `Invalid ${field}: ${String(value)} (${rule})`, { field });
};

const isInt = (v: number) => Number.isInteger(v);

/** Engine-level guard; the user-facing bounds (DR-002) are enforced earlier by core's validators. */
export function checkModelParams(p: ModelParams): void {
  if (!isInt(p.epochs) || p.epochs < 1) reject('epochs', p.epochs, 'an integer ≥ 1');
  if (!isInt(p.batchSize) || p.batchSize < 1) reject('batchSize', p.batchSize, 'an integer ≥ 1');
  if (!(p.learningRate > 0) || !Number.isFinite(p.learningRate))
    reject('learningRate', p.learningRate, 'a number > 0');
  if (p.mode !== 'linear') {
    if (!isInt(p.hiddenDim) || p.hiddenDim < 1) reject('hiddenDim', p.hiddenDim, 'an integer ≥ 1');
    if (!isInt(p.numHiddenLayers) || p.numHiddenLayers < 1)
      reject('numHiddenLayers', p.numHiddenLayers, 'an integer ≥ 1');
  }
  if (!(p.dropout >= 0 && p.dropout < 1)) reject('dropout', p.dropout, 'in [0, 1)');
  if (!isInt(p.seed)) reject('seed', p.seed, 'an integer');
  if (p.mode !== undefined && p.mode !== 'mlp' && p.mode !== 'linear')
    reject('mode', p.mode, "'mlp' or 'linear'");
}

/** `mode: 'linear'` is the no-hidden-layer baseline whatever the hidden fields say (DR-004). */
export function mlpSpecFor(p: ModelParams, inputDim: number, outputDim: number): MlpSpec {
  const linear = p.mode === 'linear';
  return {
    inputDim,
    outputDim,
    hiddenDim: linear ? 0 : p.hiddenDim,
    numHiddenLayers: linear ? 0 : p.numHiddenLayers,
    dropout: linear ? 0 : p.dropout,
  };
}
