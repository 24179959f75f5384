// A synthetic random-search sweep of n stored runs (seeded), for timing the analysis views at
// scale without training 10,000 models: scores depend on the learning rate and depth plus noise.
import { type EpochEvent, mulberry32, type StoredRun } from '@trainyard/core';

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

export function syntheticRuns(n: number, seed = 1): StoredRun[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i): StoredRun => {
    const learningRate = Number((10 ** (-4 + 3 * random())).toPrecision(3));
    const numHiddenLayers = pick(random, [1, 2, 3, 4]);
    const epochs = 5 + Math.floor(random() * 46);
    const quality = 1 - Math.abs(Math.log10(learningRate) + 2) / 3 - 0.03 * numHiddenLayers;
    const score = Math.min(1, Math.max(0, 0.55 + 0.4 * quality + 0.05 * (random() - 0.5)));
    const history: EpochEvent[] = Array.from({ length: 5 }, (_, e) => ({
      epoch: e + 1,
      epochs: 5,
      train_loss: 1 / (e + 2) + 0.1 * random(),
      test_loss: 1 / (e + 1.5) + 0.1 * random(),
      val_loss: 1 / (e + 1.7) + 0.1 * random(),
      val_score: score - 0.05 * (4 - e) * random(),
    }));
    return {
      id: `run-${i}`,
      framework: 'pytorch',
      datasetId: 'iris',
      result: 'completed',
      kind: 'train',
      sweepId: 'sweep-10k',
      combinationIndex: i,
      seed: 42,
      epochs,
      batchSize: pick(random, [16, 32, 64, 128]),
      learningRate,
      testSize: 0.2,
      hiddenDim: pick(random, [8, 16, 32, 64, 128, 256]),
      numHiddenLayers,
      dropout: Number((0.5 * random()).toFixed(2)),
      metric_name: 'accuracy',
      metric_score: score,
      val_score: history[4]!.val_score,
      train_loss: history[4]!.train_loss,
      test_loss: history[4]!.test_loss,
      history,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    };
  });
}
