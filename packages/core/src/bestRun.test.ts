import { describe, expect, it } from 'vitest';
import { bestRun, bestRunIndex } from './bestRun.js';
import type { RunRow } from './types.js';

const row = (over: Partial<RunRow>): RunRow => ({
  id: 'r',
  framework: 'pytorch',
  datasetId: 'iris',
  epochs: 1,
  batchSize: 1,
  learningRate: 0.1,
  testSize: 0.2,
  hiddenDim: 8,
  numHiddenLayers: 1,
  dropout: 0,
  result: 'completed',
  metric_name: 'accuracy',
  metric_score: 0.5,
  train_loss: 1,
  test_loss: 1,
  ...over,
});
const failed = row({
  result: 'failed',
  metric_name: 'n/a',
  metric_score: 'n/a',
  train_loss: 'n/a',
  test_loss: 'n/a',
});

describe('bestRunIndex', () => {
  it('picks the highest score among completed rows, ignoring failed ones', () => {
    expect(bestRunIndex([failed, row({ metric_score: 0.9 }), row({ metric_score: 0.7 })])).toBe(1);
  });

  it('never picks a pruned row, whatever its score', () => {
    const rows = [
      row({ metric_score: 0.8 }),
      row({ metric_score: 0.99, pruned: true }),
      row({ metric_score: 0.85 }),
    ];
    expect(bestRunIndex(rows)).toBe(2);
  });

  it('keeps the first of equal scores', () => {
    expect(bestRunIndex([row({ metric_score: 0.9 }), row({ metric_score: 0.9 })])).toBe(0);
  });

  it('names no best run when the rows mix datasets', () => {
    expect(bestRunIndex([row({ metric_score: 0.9 }), row({ datasetId: 'wine', metric_score: 0.95 })])).toBe(
      -1,
    );
  });

  it('returns -1 when no row completed', () => {
    expect(bestRunIndex([failed])).toBe(-1);
    expect(bestRunIndex([])).toBe(-1);
  });

  it('ranks by the validation score when every completed row has one, and says so', () => {
    const rows = [row({ metric_score: 0.95, val_score: 0.8 }), row({ metric_score: 0.9, val_score: 0.85 })];
    expect(bestRun(rows)).toEqual({ index: 1, by: 'val_score' });
    // One row without a validation score: the test score ranks them all.
    expect(bestRun([...rows, row({ metric_score: 0.5 })])).toEqual({ index: 0, by: 'metric_score' });
  });

  it('breaks a tie the same way whatever order the rows come in (combination, then creation time)', () => {
    const a = row({ metric_score: 0.9 }) as RunRow & {
      sweepId: string;
      combinationIndex: number;
      createdAt: string;
    };
    const sweep = [
      { ...a, id: 'c2', sweepId: 's', combinationIndex: 2, createdAt: '2026-01-01T00:00:01Z' },
      { ...a, id: 'c1', sweepId: 's', combinationIndex: 1, createdAt: '2026-01-01T00:00:02Z' },
    ];
    expect(sweep[bestRunIndex(sweep)]?.id).toBe('c1');
    expect([...sweep].reverse()[bestRunIndex([...sweep].reverse())]?.id).toBe('c1');
    const singles = [
      { ...a, id: 'late', createdAt: '2026-01-02T00:00:00Z' },
      { ...a, id: 'early', createdAt: '2026-01-01T00:00:00Z' },
    ];
    expect(singles[bestRunIndex(singles)]?.id).toBe('early');
  });
});
