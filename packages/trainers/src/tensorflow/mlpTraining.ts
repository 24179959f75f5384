import * as tf from '@tensorflow/tfjs';
import type { EpochEvent, MetricName, TaskKind } from '@trainyard/core';
import { checkModelParams, type EarlyStopping, type ModelParams } from '../engine.js';
import { mulberry32 } from '../preprocessing/random.js';
import type { DataTensors } from './dataTensors.js';
import type { DenseGradPath } from './denseLayer.js';
import { accuracy, argmaxRows, r2Score } from './metrics.js';
import { createMlp, type Mlp } from './mlp.js';
import { mlpSpecFor } from './modelParams.js';
import { fitMlp } from './trainLoop.js';

/** What the MLP is trained to minimise, and the per-row targets it needs (train and test splits). */
export interface Objective {
  loss: (output: tf.Tensor2D, targets: tf.Tensor2D[]) => tf.Scalar;
  trainTargets: tf.Tensor2D[];
  testTargets: tf.Tensor2D[];
  /**
   * With validation rows (`t.xVal`): their targets and the score of raw outputs on them. Each epoch
   * then reports `val_loss` and `val_score`.
   */
  validation?: { targets: tf.Tensor2D[]; score: (outputs: Float32Array) => number };
}

/** What a run of `epochs` epochs would have ended with, taken on the way (see trainMlp's `checkpoints`). */
export interface EpochSnapshot {
  epochs: number;
  bestEpoch: number;
  /** The events so far, as a run of `epochs` epochs reports them. */
  history: EpochEvent[];
  /** Copies of the MLP's variables (same layout); the caller disposes them. */
  weights: tf.Tensor[];
  testOutputs: Float32Array;
}

export interface TrainedMlp {
  mlp: Mlp;
  /** One per requested checkpoint reached, in epoch order. */
  snapshots: EpochSnapshot[];
  history: EpochEvent[];
  /** The epoch whose weights `mlp` holds (see FitResult). */
  bestEpoch: number;
  /** `stopAsked` ended training early (see FitResult). */
  pruned: boolean;
  /** Raw test-split outputs: logits, or predictions (standardised units) for regression. */
  testOutputs: Float32Array;
}

/** Seeds, builds and fits one MLP; the caller owns (and disposes) the returned `mlp`. */
export function trainMlp(
  t: DataTensors,
  params: ModelParams,
  objective: Objective,
  opts: {
    onEpoch?: (e: EpochEvent) => void;
    path?: DenseGradPath;
    earlyStopping?: EarlyStopping;
    /** Epoch counts below `params.epochs` to take an EpochSnapshot at. */
    checkpoints?: ReadonlySet<number>;
    stopAsked?: () => boolean;
  } = {},
): TrainedMlp {
  checkModelParams(params);
  const rng = mulberry32(params.seed);
  const mlp = createMlp(mlpSpecFor(params, t.xTrain.shape[1], t.outputDim), rng);
  const snapshots: EpochSnapshot[] = [];
  const testOutputsNow = () => tf.tidy(() => mlp.forward(t.xTest).dataSync() as Float32Array);
  try {
    const testLoss = () =>
      tf.tidy(() => objective.loss(mlp.forward(t.xTest), objective.testTargets).dataSync()[0]!);
    const { validation } = objective;
    const xVal = t.xVal;
    const validate =
      validation && xVal
        ? () =>
            tf.tidy(() => {
              const out = mlp.forward(xVal);
              const loss = objective.loss(out, validation.targets).dataSync()[0]!;
              return { loss, score: validation.score(out.dataSync() as Float32Array) };
            })
        : undefined;
    const { history, bestEpoch, pruned } = fitMlp({
      mlp,
      x: t.xTrain,
      targets: objective.trainTargets,
      loss: objective.loss,
      testLoss,
      ...(validate ? { validate } : {}),
      ...(opts.earlyStopping ? { earlyStopping: opts.earlyStopping } : {}),
      ...(opts.checkpoints
        ? {
            checkpoints: opts.checkpoints,
            onCheckpoint: (epochs: number, bestEpoch: number, history: EpochEvent[]) => {
              snapshots.push({
                epochs,
                bestEpoch,
                history: history.map((e) => ({ ...e, epochs })),
                weights: mlp.variables.map((v) => tf.clone(v)),
                testOutputs: testOutputsNow(),
              });
            },
          }
        : {}),
      epochs: params.epochs,
      batchSize: params.batchSize,
      learningRate: params.learningRate,
      rng,
      ...(opts.path ? { path: opts.path } : {}),
      ...(opts.onEpoch ? { onEpoch: opts.onEpoch } : {}),
      ...(opts.stopAsked ? { stopAsked: opts.stopAsked } : {}),
    });
    return { mlp, snapshots, history, bestEpoch, pruned, testOutputs: testOutputsNow() };
  } catch (err) {
    mlp.dispose();
    for (const s of snapshots) for (const w of s.weights) w.dispose();
    throw err;
  }
}

/** Class indices (classification) or the outputs themselves (regression, standardised units). */
export function predictionsOf(task: TaskKind, outputs: Float32Array, outputDim: number): ArrayLike<number> {
  return task === 'classification' ? argmaxRows(outputs, outputDim) : outputs;
}

export function metricOf(task: TaskKind): MetricName {
  return task === 'classification' ? 'accuracy' : 'r2';
}

/** accuracy (classification) or r2 (regression) of predictions in target units. */
export function scoreOf(task: TaskKind, predictions: ArrayLike<number>, actual: ArrayLike<number>): number {
  return task === 'classification' ? accuracy(predictions, actual) : r2Score(predictions, actual);
}
