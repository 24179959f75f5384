import type { EpochEvent } from '@trainyard/core';
import type { EngineTrainJob, EngineTrainResult, ModelParams, PreparedData } from '../engine.js';
import { type EpochSnapshot, metricOf, predictionsOf, scoreOf, type TrainedMlp } from './mlpTraining.js';
import { saveModelFiles } from './modelFiles.js';

/** What a trained run is answered and saved with (a separate run's job, or one member of a group). */
export interface TrainedRunJob {
  data: PreparedData;
  params: ModelParams;
  /** Where the model files go; omit to answer without saving. */
  modelDir?: string;
  returnTestOutputs?: boolean;
  checkpoints?: EngineTrainJob['checkpoints'];
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

/**
 * The result of a trained MLP, with one per requested checkpoint, each saved into its directory in
 * the single-model format. The caller still owns (and disposes) `trained`.
 *
 * @example
 * const result = await trainedResult({ data, params, modelDir }, trained, t.outputDim, started);
 */
export async function trainedResult(
  job: TrainedRunJob,
  trained: TrainedMlp,
  outputDim: number,
  started: number,
): Promise<EngineTrainResult> {
  const { data, params } = job;
  /** The result of a run that ended with these events and weights, saved into `modelDir`. */
  const finish = async (
    run: Pick<EpochSnapshot, 'epochs' | 'bestEpoch' | 'history' | 'weights' | 'testOutputs'>,
    modelDir: string | undefined,
  ): Promise<EngineTrainResult> => {
    const predictions = predictionsOf(data.task, run.testOutputs, outputDim);
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
      ...(job.returnTestOutputs ? { testOutputs: run.testOutputs } : {}),
    };
  };
  const last = {
    epochs: params.epochs,
    bestEpoch: trained.bestEpoch,
    history: trained.history,
    weights: trained.mlp.variables,
    testOutputs: trained.testOutputs,
  };
  const result = await finish(last, job.modelDir);
  if (trained.pruned) result.pruned = true;
  if (!job.checkpoints) return result;
  const checkpoints: EngineTrainResult[] = [];
  for (const { epochs, modelDir } of job.checkpoints) {
    // A count past an early stop ends where this run ended, as its own run would.
    const taken = trained.snapshots.find((snap) => snap.epochs === epochs) ?? {
      ...last,
      epochs,
      history: last.history.map((e) => ({ ...e, epochs })),
    };
    checkpoints.push(await finish(taken, modelDir));
  }
  return { ...result, checkpoints };
}
