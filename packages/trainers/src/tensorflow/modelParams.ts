import type { ModelParams } from '../engine.js';
import type { MlpSpec } from './mlp.js';

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
