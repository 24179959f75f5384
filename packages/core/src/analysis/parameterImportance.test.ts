import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../seededRandom.js';
import type { StoredRun } from '../studioTypes.js';
import { storedRun } from '../testFixtures.js';
import { parameterImportance } from './parameterImportance.js';

const run = (
  id: string,
  learningRate: number,
  epochs: number,
  score: number,
  more: Partial<StoredRun> = {},
) => storedRun({ id, learningRate, epochs, metric_score: score, ...more });

describe('parameterImportance on a full grid (exact fANOVA)', () => {
  // The 2 × 3 grid learningRate {0.01, 0.1} × epochs {10, 20, 30}, cell mean scores:
  //                 10    20    30   | marginal
  //   lr 0.01      0.5   0.7   0.9   |  0.7
  //   lr 0.1       0.7   0.7   0.7   |  0.7   (the cell (0.1, 20) holds two runs: 0.6 and 0.8 → 0.7)
  //   marginal     0.6   0.7   0.8   |  grand mean 0.7
  // Cell variance: deviations −0.2, 0, 0.2, 0, 0, 0 → (0.04 + 0.04) / 6 = 0.013333.
  // epochs: effects −0.1, 0, 0.1 → V = (0.01 + 0 + 0.01) / 3 = 0.006667 → share 0.5.
  // learningRate: effects 0, 0 → share 0. Interactions: 1 − 0.5 − 0 = 0.5.
  // A failed run and a pruned run (score 0.1) are left out: with them the numbers would change.
  const runs = [
    run('a', 0.01, 10, 0.5),
    run('b', 0.01, 20, 0.7),
    run('c', 0.01, 30, 0.9),
    run('d', 0.1, 10, 0.7),
    run('e', 0.1, 20, 0.6),
    run('f', 0.1, 20, 0.8),
    run('g', 0.1, 30, 0.7),
    run('h', 0.1, 30, 0.1, { pruned: true }),
    run('i', 0.01, 10, 0.1, { result: 'failed', metric_score: 'n/a' }),
  ];

  it('gives the marginal means, the variance shares and the interactions worked out by hand', () => {
    const result = parameterImportance(runs);
    expect(result).toMatchObject({
      method: 'exact',
      metric: 'metric_score',
      metricName: 'accuracy',
      runs: 7,
    });
    expect(result.excluded).toEqual({ failed: 1, running: 0, pruned: 1, unscored: 0 });
    expect(result.mean).toBeCloseTo(0.7, 12);
    expect(result.variance).toBeCloseTo(0.08 / 6, 12);
    const [epochs, lr] = result.parameters;
    expect(epochs?.parameter).toBe('epochs');
    expect(epochs?.share).toBeCloseTo(0.5, 12);
    expect(epochs?.interval).toBeUndefined();
    expect(epochs?.levels.map((l) => [l.value, Number(l.mean.toFixed(12)), l.count])).toEqual([
      [10, 0.6, 2],
      [20, 0.7, 3],
      [30, 0.8, 2],
    ]);
    expect(lr?.parameter).toBe('learningRate');
    expect(lr?.share).toBeCloseTo(0, 12);
    expect(lr?.levels.map((l) => Number(l.mean.toFixed(12)))).toEqual([0.7, 0.7]);
    expect(result.interactions).toBeCloseTo(0.5, 12);
    expect(result.constant.map((c) => c.parameter)).toEqual([
      'batchSize',
      'testSize',
      'hiddenDim',
      'numHiddenLayers',
      'dropout',
    ]);
  });

  it('ranks by the validation score when every completed run has one (core bestRun rule)', () => {
    // Validation scores reversed against the test scores: lr now explains everything.
    // lr 0.01 → 0.9, lr 0.1 → 0.5 in every cell: variance 0.04, lr effect ±0.2 → share 1.
    const validated = runs.map((r) => ({ ...r, val_score: r.learningRate === 0.01 ? 0.9 : 0.5 }));
    const result = parameterImportance(validated);
    expect(result.metric).toBe('val_score');
    expect(result.parameters[0]).toMatchObject({ parameter: 'learningRate' });
    expect(result.parameters[0]?.share).toBeCloseTo(1, 12);
    expect(result.interactions).toBeCloseTo(0, 12);
    expect(parameterImportance(validated, { metric: 'metric_score' }).parameters[0]?.parameter).toBe(
      'epochs',
    );
  });

  it('says why when the runs cannot be compared', () => {
    expect(parameterImportance([runs[0]!]).problem).toBe('Too few scored runs to compare: 1');
    expect(parameterImportance([runs[0]!, { ...runs[1]!, datasetId: 'wine' }]).problem).toBe(
      'The runs mix datasets: iris, wine',
    );
  });
});

describe('parameterImportance on sampled runs (estimate with a bootstrap interval)', () => {
  // Six runs, the cell (lr 0.01, hiddenDim 32) never sampled, so no exact fANOVA:
  //   (0.01, 16, 0.6) (0.01, 16, 0.8) (0.1, 16, 0.8) (0.1, 32, 0.9) (0.1, 32, 1.0) (0.1, 32, 0.8)
  // Mean 4.9 / 6; SS_total = Σy² − n·mean² = 4.09 − 24.01 / 6 = 0.53 / 6; SS_total / (n − 1) = 0.53 / 30.
  // lr: 0.01 → {0.6, 0.8} SS 0.02; 0.1 → {0.8, 0.9, 1.0, 0.8} mean 0.875, SS 0.0275; SS_within 0.0475.
  //   ε² = 1 − (0.0475 / 4) / (0.53 / 30) = 1 − 0.35625 / 0.53 = 0.327830.
  // hiddenDim: 16 → {0.6, 0.8, 0.8} SS 0.08 / 3; 32 → {0.9, 1.0, 0.8} SS 0.02; SS_within 0.14 / 3.
  //   ε² = 1 − (0.14 / 12) / (0.53 / 30) = 1 − 0.35 / 0.53 = 0.339623.
  // Unexplained: 1 − 0.327830 − 0.339623 = 0.332547.
  const runs = [
    [0.01, 16, 0.6],
    [0.01, 16, 0.8],
    [0.1, 16, 0.8],
    [0.1, 32, 0.9],
    [0.1, 32, 1.0],
    [0.1, 32, 0.8],
  ].map(([learningRate, hiddenDim, score], i) =>
    storedRun({ id: `r${i}`, learningRate, hiddenDim, metric_score: score as number }),
  );

  it('gives ε² per parameter worked out by hand, with a seeded 95% interval', () => {
    const result = parameterImportance(runs);
    expect(result.method).toBe('estimated');
    expect(result.variance).toBeCloseTo(0.53 / 36, 12);
    const share = (p: string) => result.parameters.find((x) => x.parameter === p)!;
    expect(share('learningRate').share).toBeCloseTo(1 - 0.35625 / 0.53, 12);
    expect(share('hiddenDim').share).toBeCloseTo(1 - 0.35 / 0.53, 12);
    expect(result.parameters[0]?.parameter).toBe('hiddenDim');
    expect(result.interactions).toBeCloseTo(0.332547, 5);
    expect(share('learningRate').levels).toEqual([
      { value: 0.01, min: 0.01, max: 0.01, mean: 0.7, count: 2 },
      { value: 0.1, min: 0.1, max: 0.1, mean: expect.closeTo(0.875, 12), count: 4 },
    ]);
    const [lo, hi] = share('learningRate').interval!;
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(lo).toBeLessThanOrEqual(hi);
    expect(result.bootstrap).toEqual({ samples: 200, seed: 42, level: 0.95 });
    expect(parameterImportance(runs).parameters).toEqual(result.parameters);
    expect(parameterImportance(runs, { seed: 7 }).parameters[0]?.interval).not.toEqual(
      result.parameters[0]?.interval,
    );
  });

  it('finds the parameter that matters in a random search, bins sampled values, and an irrelevant one near 0', () => {
    const random = mulberry32(1);
    const sampled = Array.from({ length: 300 }, (_, i) => {
      const learningRate = 10 ** (-4 + 3 * random());
      const hiddenDim = 16 + Math.floor(random() * 240);
      // Score peaks at lr 0.01 (log scale), hiddenDim does nothing, plus noise.
      const score = 0.9 - 0.05 * (Math.log10(learningRate) + 2) ** 2 + 0.01 * (random() - 0.5);
      return storedRun({ id: `s${i}`, learningRate, hiddenDim, metric_score: score });
    });
    const result = parameterImportance(sampled);
    const [first, second] = result.parameters;
    expect(first?.parameter).toBe('learningRate');
    expect(first?.share).toBeGreaterThan(0.8);
    expect(first?.levels).toHaveLength(10);
    expect(first?.levels.reduce((a, l) => a + l.count, 0)).toBe(300);
    expect(second?.parameter).toBe('hiddenDim');
    expect(second?.share).toBeLessThan(0.05);
    expect(second?.interval?.[0]).toBe(0);
  });

  it('takes well under a second on 10,000 sampled runs', () => {
    const random = mulberry32(2);
    const many = Array.from({ length: 10_000 }, (_, i) =>
      storedRun({
        id: `m${i}`,
        learningRate: 10 ** (-4 + 3 * random()),
        hiddenDim: 16 + Math.floor(random() * 240),
        epochs: 1 + Math.floor(random() * 100),
        batchSize: 8 + Math.floor(random() * 100),
        dropout: random() * 0.5,
        metric_score: random(),
      }),
    );
    const started = performance.now();
    const result = parameterImportance(many);
    const ms = performance.now() - started;
    console.log(
      `parameterImportance: 10,000 sampled runs, 5 parameters, 200 resamples in ${ms.toFixed(0)} ms`,
    );
    expect(result.parameters).toHaveLength(5);
    expect(ms).toBeLessThan(2000);
  });
});
