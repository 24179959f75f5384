import type { EpochEvent } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import { crossValidate, foldProgress } from './crossValidation.js';
import type { EngineTrainResult } from './engine.js';

/** A fold's result whose epoch e has validation score scores[e-1] (loss 1 - score); best as given. */
function foldResult(scores: number[], best = scores.length): EngineTrainResult {
  const history: EpochEvent[] = scores.map((s, i) => ({
    epoch: i + 1,
    epochs: 10,
    train_loss: 1,
    test_loss: 1,
    val_loss: 1 - s,
    val_score: s,
  }));
  return {
    metric_name: 'accuracy',
    metric_score: 0.5,
    train_loss: 1,
    test_loss: 1,
    val_score: scores[best - 1]!,
    val_loss: 1 - scores[best - 1]!,
    best_epoch: best,
    stopped_epoch: scores.length,
    history,
    parameterCount: 10,
    durationMs: 1,
    files: [],
  };
}

describe('crossValidate', () => {
  it('scores the run by the mean of the folds and their population standard deviation', async () => {
    const folds = [foldResult([0.5, 0.7]), foldResult([0.6, 0.9]), foldResult([0.4, 0.8])];
    const cv = await crossValidate({ folds: 3, epochs: 2, trainFold: async (i) => folds[i]! });
    expect(cv.val_score).toBeCloseTo(0.8, 12);
    expect(cv.val_score_std).toBeCloseTo(Math.sqrt(((0.7 - 0.8) ** 2 + 0.1 ** 2 + 0) / 3), 12);
    expect(cv.val_loss).toBeCloseTo(0.2, 12);
    expect(cv.refitEpochs).toBe(2);
    const run = cv.withFolds(foldResult([0, 0]));
    expect(run.val_score).toBeCloseTo(0.8, 12);
    expect(run.history.map((e) => e.val_score)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.8, 12)]);
  });

  it("under early stopping refits the rounded mean of the folds' best epochs; the curve averages the folds that trained each epoch", async () => {
    const folds = [
      foldResult([0.2, 0.9, 0.8, 0.7], 2),
      foldResult([0.3, 0.4, 0.5, 0.8, 0.6, 0.5], 4),
      foldResult([0.1, 0.2, 0.3, 0.6, 0.4, 0.3], 4),
    ];
    const cv = await crossValidate({
      folds: 3,
      epochs: 10,
      earlyStopping: { patience: 2, minDelta: 0 },
      trainFold: async (i) => folds[i]!,
    });
    expect(cv.foldBestEpochs).toEqual([2, 4, 4]);
    expect(cv.refitEpochs).toBe(3); // round(10 / 3)
    const run = cv.withFolds(foldResult([0.9, 0.9, 0.9]));
    expect(run.history.map((e) => e.val_score)).toEqual([
      expect.closeTo(0.2, 12),
      expect.closeTo(0.5, 12),
      expect.closeTo(1.6 / 3, 12),
    ]);
    expect(cv.val_score).toBeCloseTo((0.9 + 0.8 + 0.6) / 3, 12);
  });

  it('numbers progress across the folds, then the refit, and names the fold', async () => {
    const seen: EpochEvent[] = [];
    const cv = await crossValidate({
      folds: 2,
      epochs: 3,
      onEpoch: (e) => seen.push(e),
      trainFold: async (_, onEpoch) => {
        const r = foldResult([0.1, 0.2, 0.3]);
        for (const e of r.history) onEpoch(e);
        return r;
      },
    });
    expect(seen.map((e) => [e.epoch, e.epochs, e.fold])).toEqual([
      [1, 9, 1],
      [2, 9, 1],
      [3, 9, 1],
      [4, 9, 2],
      [5, 9, 2],
      [6, 9, 2],
    ]);
    const refit = cv.refitEvent({ epoch: 2, epochs: 3, train_loss: 1, test_loss: 1 });
    expect(refit).toEqual({ epoch: 8, epochs: 9, train_loss: 1, test_loss: 1 });
    expect(foldProgress({ epoch: 3, epochs: 10, train_loss: 1, test_loss: 1 }, 5, 10, 1)).toMatchObject({
      epoch: 13,
      epochs: 60,
      fold: 2,
    });
  });

  it('stops between folds once cancelled, and refuses a fold without a validation score', async () => {
    const controller = new AbortController();
    let trained = 0;
    await expect(
      crossValidate({
        folds: 4,
        epochs: 1,
        signal: controller.signal,
        trainFold: async () => {
          trained += 1;
          controller.abort();
          return foldResult([0.5]);
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(trained).toBe(1);
    const { val_score: _, ...noValidation } = foldResult([0.5]);
    await expect(crossValidate({ folds: 2, epochs: 1, trainFold: async () => noValidation })).rejects.toThrow(
      'Fold 1 of 2 answered no validation score',
    );
  });
});
