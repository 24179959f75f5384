import { describe, expect, it } from 'vitest';
import { EPOCH_TICK_STEPS, legendValue, lossCurves } from './lossChartSeries.js';

const plain = [
  { epoch: 1, epochs: 2, train_loss: 1.2, test_loss: 1.3 },
  { epoch: 2, epochs: 2, train_loss: 0.8, test_loss: 0.9 },
];

describe('lossCurves', () => {
  it('draws train and test loss only when the run had no validation split', () => {
    expect(lossCurves(plain).map((c) => [c.label, c.scale, c.values])).toEqual([
      ['train loss', 'loss', [1.2, 0.8]],
      ['test loss', 'loss', [1.3, 0.9]],
    ]);
  });

  it('adds the validation loss, and the validation metric on its own axis', () => {
    const validated = plain.map((e, i) => ({ ...e, val_loss: 1 - i * 0.3, val_score: 0.6 + i * 0.2 }));
    expect(lossCurves(validated).map((c) => [c.label, c.scale, c.values])).toEqual([
      ['train loss', 'loss', [1.2, 0.8]],
      ['test loss', 'loss', [1.3, 0.9]],
      ['val loss', 'loss', [1, 0.7]],
      ['val score', 'score', [0.6, 0.8]],
    ]);
  });
});

describe('legendValue', () => {
  it('is the hovered epoch’s value, else the last one there is', () => {
    expect(legendValue([0.5, 0.25, null], 1)).toBe('0.2500');
    expect(legendValue([0.5, 0.25, null], null)).toBe('0.2500');
    expect(legendValue([null], null)).toBe('—');
  });
});

describe('epoch ticks', () => {
  it('step by whole numbers only', () => {
    expect(EPOCH_TICK_STEPS.every(Number.isInteger)).toBe(true);
    expect(EPOCH_TICK_STEPS[0]).toBe(1);
  });
});
