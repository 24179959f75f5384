import { describe, expect, it } from 'vitest';
import { completedRunRow } from './runRows.js';
import { combination } from './testFixtures.js';
import type { TrainResponse } from './types.js';

const response: TrainResponse = {
  framework: 'pytorch',
  datasetId: 'iris',
  metric_name: 'accuracy',
  metric_score: 0.93,
  train_loss: 0.2,
  test_loss: 0.25,
  history: [],
  modelId: 'm1',
  modelPath: '/models/m1',
  durationMs: 10,
  parameterCount: 100,
};
const base = { id: 'r1', framework: 'pytorch' as const, datasetId: 'iris', combination: combination(10) };

describe('completedRunRow', () => {
  it('carries the model-selection fields beside the test score', () => {
    const selection = { val_score: 0.9, val_loss: 0.3, best_epoch: 7, stopped_epoch: 10, pruned: false };
    expect(completedRunRow({ ...base, response: { ...response, ...selection } })).toMatchObject({
      metric_score: 0.93,
      ...selection,
    });
  });

  it('adds no selection field a response does not carry', () => {
    const row = completedRunRow({ ...base, response });
    for (const field of ['val_score', 'val_loss', 'best_epoch', 'stopped_epoch', 'pruned'])
      expect(row).not.toHaveProperty(field);
  });
});
