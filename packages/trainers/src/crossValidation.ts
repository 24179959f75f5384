/**
 * k-fold cross-validation of one run (issue 11), over an engine's own `train`, so both engines get
 * it alike. The folds train one after the other on their own data (the caller prepares fold `index`:
 * seeded, stratified, preprocessing fitted on its training part); their validation scores give the
 * run's `val_score` (mean) and `val_score_std` (population standard deviation, as scikit-learn's
 * GridSearchCV reports `std_test_score`). The caller then refits on the whole non-test part, for
 * the saved model and the test score, for `refitEpochs` epochs.
 */
import { type EpochEvent, MlApiError } from '@trainyard/core';
import type { EarlyStopping, EngineTrainResult } from './engine.js';

export interface CrossValidationJob {
  folds: number;
  /** The run's `epochs`: each fold trains at most this many. */
  epochs: number;
  /** Early stopping works per fold, on the fold's validation rows. */
  earlyStopping?: EarlyStopping;
  /** Trains fold `index` (0-based) and answers the engine's result; `onEpoch` sees its epochs. */
  trainFold(index: number, onEpoch: (event: EpochEvent) => void): Promise<EngineTrainResult>;
  /** Progress across folds and refit (see `foldProgress`). */
  onEpoch?: (event: EpochEvent) => void;
  /** Checked before each fold starts (the engine watches it during one). */
  signal?: AbortSignal;
}

export interface CrossValidation {
  /** Mean over the folds of the validation score (accuracy or r2) of each fold's saved epoch. */
  val_score: number;
  /** Population standard deviation of those scores. */
  val_score_std: number;
  /** Mean over the folds of their validation loss. */
  val_loss: number;
  /** Each fold's saved epoch: the best one under early stopping, else the last. */
  foldBestEpochs: number[];
  /**
   * Epochs of the refit on the whole non-test part: the run's `epochs`, or under early stopping the
   * rounded mean of the folds' best epochs (there are no validation rows left to stop the refit on).
   */
  refitEpochs: number;
  /** The refit's progress event, numbered after the folds' epochs. */
  refitEvent(event: EpochEvent): EpochEvent;
  /**
   * The refit's result as the run's: its test score, losses and model, with the folds' validation
   * figures, and a history whose per-epoch `val_loss` / `val_score` are the means over the folds
   * that trained that epoch (all of them without early stopping).
   */
  withFolds(refit: EngineTrainResult): EngineTrainResult & { val_score_std: number };
}

/**
 * One progress numbering for a k-fold run: fold `f`'s epoch `e` is epoch `f·epochs + e` and the
 * refit's epoch `e` is `folds·epochs + e`, out of `(folds + 1)·epochs` (an upper bound: a fold
 * stopped early skips the rest of its share, and the refit may train fewer epochs). Fold events
 * carry `fold` (1-based) and that fold's validation figures; refit events carry none.
 *
 * @example foldProgress({ epoch: 3, epochs: 10, train_loss: 1, test_loss: 1 }, 5, 10, 1)
 * // { epoch: 13, epochs: 60, fold: 2, ... }
 */
export function foldProgress(event: EpochEvent, folds: number, epochs: number, index: number): EpochEvent {
  const mapped: EpochEvent = { ...event, epoch: index * epochs + event.epoch, epochs: (folds + 1) * epochs };
  if (index < folds) mapped.fold = index + 1;
  return mapped;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const populationStd = (values: number[]) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
};

/**
 * Trains the folds one by one and sums them up.
 *
 * @example
 * const cv = await crossValidate({ folds: 5, epochs: 30, trainFold: (i, onEpoch) => engine.train({ ... }) });
 * cv.val_score; cv.val_score_std; cv.refitEpochs // 30
 */
export async function crossValidate(job: CrossValidationJob): Promise<CrossValidation> {
  const { folds, epochs } = job;
  const results: EngineTrainResult[] = [];
  for (let index = 0; index < folds; index++) {
    if (job.signal?.aborted) break;
    const onEpoch = job.onEpoch;
    const result = await job.trainFold(index, (event) =>
      onEpoch?.(foldProgress(event, folds, epochs, index)),
    );
    if (result.val_score === undefined || result.val_loss === undefined) {
      throw new Error(`Fold ${index + 1} of ${folds} answered no validation score`);
    }
    results.push(result);
  }
  if (results.length < folds) throw new MlApiError('CANCELLED', 'Training cancelled');
  const scores = results.map((r) => r.val_score!);
  const foldBestEpochs = results.map((r) => r.best_epoch);
  const refitEpochs = job.earlyStopping ? Math.max(1, Math.round(mean(foldBestEpochs))) : epochs;
  const cv = {
    val_score: mean(scores),
    val_score_std: populationStd(scores),
    val_loss: mean(results.map((r) => r.val_loss!)),
  };
  const curve = (epoch: number) => {
    const trained = results.flatMap((r) => {
      const e = r.history[epoch - 1];
      return e?.val_score === undefined || e.val_loss === undefined ? [] : [e];
    });
    return trained.length === 0
      ? {}
      : {
          val_loss: mean(trained.map((e) => e.val_loss!)),
          val_score: mean(trained.map((e) => e.val_score!)),
        };
  };
  return {
    ...cv,
    foldBestEpochs,
    refitEpochs,
    refitEvent: (event) => foldProgress(event, folds, epochs, folds),
    withFolds: (refit) => ({
      ...refit,
      ...cv,
      history: refit.history.map(({ val_loss: _l, val_score: _s, ...e }) => ({ ...e, ...curve(e.epoch) })),
    }),
  };
}
