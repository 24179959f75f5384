import type { EpochEvent } from '@trainyard/core';
import type { EngineTrainJob, EngineTrainResult, ModelParams, PreparedData } from '../engine.js';
import { toTensors } from './dataTensors.js';
import type { DenseGradPath } from './denseLayer.js';
import { crossEntropy, meanSquaredError } from './losses.js';
import { metricOf, predictionsOf, scoreOf, trainMlp } from './mlpTraining.js';
import { saveLayersModel, toLayersModel } from './modelFiles.js';

export interface TrainJobInput {
  data: PreparedData;
  params: ModelParams;
  /** Where model.json + weights.bin go; omit to train without saving. */
  modelDir?: string;
  path?: DenseGradPath;
  /** Add the raw test-split outputs (logits or standardised predictions) to the result. */
  returnTestOutputs?: boolean;
  onEpoch?: (event: EpochEvent) => void;
  earlyStopping?: EngineTrainJob['earlyStopping'];
}

/** Losses and validation figures of the saved epoch, and where training stopped. */
function savedEpochFields(saved: EpochEvent, stoppedEpoch: number) {
  return {
    train_loss: saved.train_loss,
    test_loss: saved.test_loss,
    ...(saved.val_score === undefined ? {} : { val_score: saved.val_score, val_loss: saved.val_loss! }),
    best_epoch: saved.epoch,
    stopped_epoch: stoppedEpoch,
  };
}

/** The losses a plain training run minimises: cross-entropy or MSE on the hard targets. */
export const hardLabelLoss = (task: PreparedData['task']) =>
  task === 'classification' ? crossEntropy : meanSquaredError;

/**
 * One training run, start to saved model, inside the current thread (a worker in production).
 * Every tensor it creates is disposed before it returns, so a warm worker does not grow.
 *
 * @example
 * const result = await runTrainJob({ data, params, modelDir: '/tmp/model-1' });
 */
export async function runTrainJob(input: TrainJobInput): Promise<EngineTrainResult> {
  const started = performance.now();
  const { data, params } = input;
  const t = toTensors(data);
  try {
    const lossFn = hardLabelLoss(data.task);
    const trained = trainMlp(
      t,
      params,
      {
        loss: (out, [y]) => lossFn(out, y!),
        trainTargets: [t.yTrain],
        testTargets: [t.yTest],
        ...(t.yVal
          ? {
              validation: {
                targets: [t.yVal],
                score: (out: Float32Array) =>
                  scoreOf(data.task, predictionsOf(data.task, out, t.outputDim), data.yVal),
              },
            }
          : {}),
      },
      {
        ...(input.onEpoch ? { onEpoch: input.onEpoch } : {}),
        ...(input.path ? { path: input.path } : {}),
        ...(input.earlyStopping ? { earlyStopping: input.earlyStopping } : {}),
      },
    );
    try {
      const predictions = predictionsOf(data.task, trained.testOutputs, t.outputDim);
      const best = trained.history[trained.bestEpoch - 1]!;
      let files: string[] = [];
      if (input.modelDir) {
        const model = toLayersModel(trained.mlp, data.task);
        try {
          files = await saveLayersModel(model, input.modelDir, {
            trainyard: { framework: 'tensorflow', params, preprocessing: data.preprocessing },
          });
        } finally {
          model.dispose();
        }
      }
      return {
        metric_name: metricOf(data.task),
        metric_score: scoreOf(data.task, predictions, data.yTest),
        ...savedEpochFields(best, trained.history.length),
        history: trained.history,
        parameterCount: trained.mlp.parameterCount,
        durationMs: Math.round(performance.now() - started),
        files,
        ...(input.returnTestOutputs ? { testOutputs: trained.testOutputs } : {}),
      };
    } finally {
      trained.mlp.dispose();
    }
  } finally {
    t.dispose();
  }
}
