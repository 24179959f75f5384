import type { EpochEvent } from '@trainyard/core';
import type { EngineTrainJob, EngineTrainResult, ModelParams, PreparedData } from '../engine.js';
import { toTensors } from './dataTensors.js';
import type { DenseGradPath } from './denseLayer.js';
import { crossEntropy, meanSquaredError } from './losses.js';
import { predictionsOf, scoreOf, trainMlp } from './mlpTraining.js';
import { trainedResult } from './trainedResult.js';

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
  checkpoints?: EngineTrainJob['checkpoints'];
  /** Asked between epochs: true stops there and answers with what was trained (`pruned`). */
  stopAsked?: () => boolean;
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
        ...(input.checkpoints ? { checkpoints: new Set(input.checkpoints.map((c) => c.epochs)) } : {}),
        ...(input.stopAsked ? { stopAsked: input.stopAsked } : {}),
      },
    );
    try {
      return await trainedResult(input, trained, t.outputDim, started);
    } finally {
      trained.mlp.dispose();
      for (const snap of trained.snapshots) for (const w of snap.weights) w.dispose();
    }
  } finally {
    t.dispose();
  }
}
