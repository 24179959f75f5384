import * as tf from '@tensorflow/tfjs';
import { MlApiError } from '@trainyard/core';
import type { PreparedData } from '../engine.js';

/** PreparedData as tensors, with targets in the shape the losses want. Dispose when done. */
export interface DataTensors {
  xTrain: tf.Tensor2D;
  xTest: tf.Tensor2D;
  /** One-hot rows (classification) or the (already standardised) target column (regression). */
  yTrain: tf.Tensor2D;
  yTest: tf.Tensor2D;
  outputDim: number;
  dispose(): void;
}

function checkShape(data: PreparedData): void {
  const fail = (field: string, value: unknown, why: string) => {
    throw new MlApiError('VALIDATION', `Invalid prepared data ${field}: ${String(value)} (${why})`, {
      field,
    });
  };
  if (!(data.nFeatures >= 1)) fail('nFeatures', data.nFeatures, 'need at least one feature');
  if (!(data.nTrain >= 1)) fail('nTrain', data.nTrain, 'need at least one training row');
  if (!(data.nTest >= 1)) fail('nTest', data.nTest, 'need at least one test row');
  if (data.xTrain.length !== data.nTrain * data.nFeatures)
    fail('xTrain', data.xTrain.length, 'length ≠ nTrain × nFeatures');
  if (data.xTest.length !== data.nTest * data.nFeatures)
    fail('xTest', data.xTest.length, 'length ≠ nTest × nFeatures');
  if (data.yTrain.length !== data.nTrain) fail('yTrain', data.yTrain.length, 'length ≠ nTrain');
  if (data.yTest.length !== data.nTest) fail('yTest', data.yTest.length, 'length ≠ nTest');
  if (data.task === 'classification' && !(data.nClasses >= 2))
    fail('nClasses', data.nClasses, 'need two classes');
}

export function toTensors(data: PreparedData): DataTensors {
  checkShape(data);
  const { nFeatures: f } = data;
  const xTrain = tf.tensor2d(data.xTrain, [data.nTrain, f]);
  const xTest = tf.tensor2d(data.xTest, [data.nTest, f]);
  let yTrain: tf.Tensor2D;
  let yTest: tf.Tensor2D;
  if (data.task === 'classification') {
    const oneHot = (y: Float32Array) =>
      tf.tidy(
        () => tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), data.nClasses).toFloat() as tf.Tensor2D,
      );
    yTrain = oneHot(data.yTrain);
    yTest = oneHot(data.yTest);
  } else {
    // prepareData already standardised the regression target (PreprocessingMeta.targetMean/Std).
    yTrain = tf.tensor2d(data.yTrain, [data.nTrain, 1]);
    yTest = tf.tensor2d(data.yTest, [data.nTest, 1]);
  }
  const all = [xTrain, xTest, yTrain, yTest];
  return {
    xTrain,
    xTest,
    yTrain,
    yTest,
    outputDim: data.task === 'classification' ? data.nClasses : 1,
    dispose: () => {
      for (const t of all) t.dispose();
    },
  };
}
