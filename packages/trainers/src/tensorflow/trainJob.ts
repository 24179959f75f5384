import type { EpochEvent } from '@trainyard/core';
import type { EngineTrainJob, EngineTrainResult, ModelParams, PreparedData } from '../engine.js';
import { toTensors } from './dataTensors.js';
import type { DenseGradPath } from './denseLayer.js';
import { crossEntropy, meanSquaredError } from './losses.js';
import { type EpochSnapshot, metricOf, predictionsOf, scoreOf, trainMlp } from './mlpTraining.js';
import { saveModelFiles } from './modelFiles.js';

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
        ...(input.checkpoints ? { checkpoints: new Set(input.checkpoints.map((c) => c.epochs)) } : {}),
        ...(input.stopAsked ? { stopAsked: input.stopAsked } : {}),
      },
    );
    try {
      /** The result of a run that ended with these events and weights, saved into `modelDir`. */
      const finish = async (
        run: Pick<EpochSnapshot, 'epochs' | 'bestEpoch' | 'history' | 'weights' | 'testOutputs'>,
        modelDir: string | undefined,
      ): Promise<EngineTrainResult> => {
        const predictions = predictionsOf(data.task, run.testOutputs, t.outputDim);
        let files: string[] = [];
        if (modelDir) {
          files = await saveModelFiles(trained.mlp, data.task, run.weights, modelDir, data.preprocessing, {
            trainyard: {
              framework: 'tensorflow',
              params: { ...params, epochs: run.epochs },
              preprocessing: data.preprocessing,
            },
          });
        }
        return {
          metric_name: metricOf(data.task),
          metric_score: scoreOf(data.task, predictions, data.yTest),
          ...savedEpochFields(run.history[run.bestEpoch - 1]!, run.history.length),
          history: run.history,
          parameterCount: trained.mlp.parameterCount,
          durationMs: Math.round(performance.now() - started),
          files,
          ...(input.returnTestOutputs ? { testOutputs: run.testOutputs } : {}),
        };
      };
      const last = {
        epochs: params.epochs,
        bestEpoch: trained.bestEpoch,
        history: trained.history,
        weights: trained.mlp.variables,
        testOutputs: trained.testOutputs,
      };
      const result = await finish(last, input.modelDir);
      if (trained.pruned) result.pruned = true;
      if (!input.checkpoints) return result;
      const checkpoints: EngineTrainResult[] = [];
      for (const { epochs, modelDir } of input.checkpoints) {
        // A count past an early stop ends where this run ended, as its own run would.
        const taken = trained.snapshots.find((snap) => snap.epochs === epochs) ?? {
          ...last,
          epochs,
          history: last.history.map((e) => ({ ...e, epochs })),
        };
        checkpoints.push(await finish(taken, modelDir));
      }
      return { ...result, checkpoints };
    } finally {
      trained.mlp.dispose();
      for (const snap of trained.snapshots) for (const w of snap.weights) w.dispose();
    }
  } finally {
    t.dispose();
  }
}
