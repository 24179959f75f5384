import type { EpochEvent } from '@trainyard/core';
import {
  checkModelParams,
  type EngineTrainJob,
  type EngineTrainResult,
  type ModelParams,
  type PreparedData,
} from '../engine.js';
import { toTensors } from './dataTensors.js';
import type { DenseGradPath } from './denseLayer.js';
import { maxTensorflowGroupSize } from './fusedGroupSize.js';
import { runFusedJob } from './fusedJob.js';
import { crossEntropy, meanSquaredError } from './losses.js';
import { predictionsOf, scoreOf, trainMlp } from './mlpTraining.js';
import { trainedResult } from './trainedResult.js';

export interface TrainJobInput {
  data: PreparedData;
  params: ModelParams;
  /** Where model.json + weights.bin go; omit to train without saving. */
  modelDir?: string;
  /** Trains through the single loop (fitMlp) with these dense gradients, even a run that would fuse. */
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
 * One training run, start to saved model, inside the current thread (a worker in production). A run
 * the grouping would fuse (maxTensorflowGroupSize above 1) trains as a stack of one, as in its group
 * (stackOfOne); a larger one through the single loop (trainMlp). Every tensor it creates is disposed
 * before it returns, so a warm worker does not grow.
 *
 * @example
 * const result = await runTrainJob({ data, params, modelDir: '/tmp/model-1' });
 */
export async function runTrainJob(input: TrainJobInput): Promise<EngineTrainResult> {
  const { data, params } = input;
  checkModelParams(params);
  if (input.path === undefined && maxTensorflowGroupSize(data, params) > 1) return stackOfOne(input);
  const started = performance.now();
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

/**
 * A run trained as a stack of one (runFusedJob): the same StackedMlp step as in any fused group, so
 * its figures and model are bit for bit what it gets in a group (a channel's sums do not depend on
 * the others or on the padding). `stopAsked` is asked once after each epoch the run would go on
 * from, as fitMlp asks it.
 */
async function stackOfOne(input: TrainJobInput): Promise<EngineTrainResult> {
  const { stopAsked } = input;
  let prune = false;
  const [outcome] = await runFusedJob({
    data: input.data,
    members: [
      {
        params: input.params,
        ...(input.modelDir ? { modelDir: input.modelDir } : {}),
        ...(input.checkpoints ? { checkpoints: input.checkpoints } : {}),
        ...(input.onEpoch ? { onEpoch: input.onEpoch } : {}),
        ...(stopAsked ? { stopAsked: () => (prune ? ('prune' as const) : undefined) } : {}),
      },
    ],
    ...(input.earlyStopping ? { earlyStopping: input.earlyStopping } : {}),
    ...(input.returnTestOutputs ? { returnTestOutputs: true } : {}),
    ...(stopAsked
      ? {
          epochDone: () => {
            prune = stopAsked();
          },
        }
      : {}),
  });
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}
