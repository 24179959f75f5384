import { describe, expect, it } from 'vitest';
import { storedRun } from '../testFixtures.js';
import { compareFrameworks } from './frameworkComparison.js';

const torch = (id: string, learningRate: number, score: number, more = {}) =>
  storedRun({ id, framework: 'pytorch', learningRate, metric_score: score, ...more });
const tf = (id: string, learningRate: number, score: number, more = {}) =>
  storedRun({
    id,
    framework: 'tensorflow',
    mode: 'mlp',
    learningRate,
    metric_score: score,
    modelId: `m-${id}`,
    ...more,
  });

describe('compareFrameworks', () => {
  it('pairs runs of both engines with the same combination and seed and counts the wins', () => {
    const runs = [
      torch('p1', 0.01, 0.9),
      torch('p2', 0.1, 0.8),
      torch('p3', 0.001, 0.7),
      tf('t1', 0.01, 0.95),
      tf('t2', 0.1, 0.8),
      tf('t3', 0.001, 0.6),
      // Not paired: another seed, the linear baseline, a failed run, a lone combination.
      tf('t4', 0.01, 0.1, { seed: 7 }),
      tf('t5', 0.1, 0.1, { mode: 'linear' }),
      tf('t6', 0.001, 0.1, { result: 'failed', metric_score: 'n/a' }),
      torch('p4', 0.5, 0.5),
      // A later run of the same combination replaces the earlier one.
      torch('p1b', 0.01, 0.85, { createdAt: '2026-02-01T00:00:00.000Z' }),
    ];
    const [iris] = compareFrameworks(runs);
    expect(iris).toMatchObject({
      datasetId: 'iris',
      metricName: 'accuracy',
      pytorchWins: 1,
      tensorflowWins: 1,
      ties: 1,
    });
    expect(
      iris?.pairs.map((p) => [p.pytorch.runId, p.tensorflow.runId, Number(p.difference.toFixed(12))]),
    ).toEqual([
      ['p1b', 't1', 0.1],
      ['p2', 't2', 0],
      ['p3', 't3', -0.1],
    ]);
    // Mean of 0, −0.1 and 0.1.
    expect(iris?.meanDifference).toBeCloseTo(0, 12);
    expect(iris?.pairs[0]?.tensorflow.modelId).toBe('m-t1');
  });

  it('lists no dataset without a pair', () => {
    expect(compareFrameworks([torch('p1', 0.01, 0.9), tf('t1', 0.1, 0.9)])).toEqual([]);
  });
});
