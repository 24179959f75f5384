import * as tf from '@tensorflow/tfjs';

/** Mean softmax cross-entropy of `logits` against one-hot `targets`. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}

/** Mean squared error of a single-output prediction. */
export function meanSquaredError(pred: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.squaredDifference(pred, target)) as tf.Scalar;
}

/**
 * Hinton et al. (2015) for classification: alpha · T² · KL(softmax(teacher/T) ‖ softmax(student/T))
 * + (1 − alpha) · CE(student, y). `alpha` weighs the teacher's soft targets; T² keeps the soft term's
 * gradient scale independent of T.
 */
export function distillClassificationLoss(
  studentLogits: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  temperature: number,
  alpha: number,
): tf.Scalar {
  const teacherLogP = tf.logSoftmax(tf.div(teacherLogits, temperature));
  const studentLogP = tf.logSoftmax(tf.div(studentLogits, temperature));
  const kl = tf.mean(tf.sum(tf.mul(tf.exp(teacherLogP), tf.sub(teacherLogP, studentLogP)), 1));
  const soft = tf.mul(kl, alpha * temperature * temperature);
  return tf.add(soft, tf.mul(crossEntropy(studentLogits, oneHot), 1 - alpha));
}

/** Regression distillation: alpha · MSE(student, teacher) + (1 − alpha) · MSE(student, y). */
export function distillRegressionLoss(
  student: tf.Tensor2D,
  target: tf.Tensor2D,
  teacher: tf.Tensor2D,
  alpha: number,
): tf.Scalar {
  return tf.add(
    tf.mul(meanSquaredError(student, teacher), alpha),
    tf.mul(meanSquaredError(student, target), 1 - alpha),
  );
}

/** Per model of a stacked output [models, rows, classes]: the mean cross-entropy ([models]). */
export function crossEntropyPerModel(logits: tf.Tensor3D, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 2), 1)) as tf.Tensor1D;
}

/** Per model of a stacked output [models, rows, 1]: the mean squared error ([models]). */
export function meanSquaredErrorPerModel(pred: tf.Tensor3D, target: tf.Tensor): tf.Tensor1D {
  return tf.mean(tf.squaredDifference(pred, target), [1, 2]) as tf.Tensor1D;
}
