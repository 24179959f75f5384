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
  /** Only when the data has validation rows. */
  xVal?: tf.Tensor2D;
  yVal?: tf.Tensor2D;
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
  // prepareData already standardised the regression target (PreprocessingMeta.targetMean/Std).
  const targets = (y: Float32Array): tf.Tensor2D =>
    data.task === 'classification'
      ? tf.tidy(
          () => tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), data.nClasses).toFloat() as tf.Tensor2D,
        )
      : tf.tensor2d(y, [y.length, 1]);
  const yTrain = targets(data.yTrain);
  const yTest = targets(data.yTest);
  const all = [xTrain, xTest, yTrain, yTest];
  const val: Pick<DataTensors, 'xVal' | 'yVal'> = {};
  if (data.nVal > 0) {
    val.xVal = tf.tensor2d(data.xVal, [data.nVal, f]);
    val.yVal = targets(data.yVal);
    all.push(val.xVal, val.yVal);
  }
  return {
    xTrain,
    xTest,
    yTrain,
    yTest,
    ...val,
    outputDim: data.task === 'classification' ? data.nClasses : 1,
    dispose: () => {
      for (const t of all) t.dispose();
    },
  };
}
