import * as tf from '@tensorflow/tfjs';
import { type EpochEvent, MlApiError } from '@trainyard/core';
import type { EngineGroupMember, EngineTrainResult, PreparedData } from '../engine.js';
import { mulberry32 } from '../preprocessing/random.js';
import { toTensors } from './dataTensors.js';
import { type FusedModel, fitFused } from './fusedTrainLoop.js';
import { crossEntropyPerModel, meanSquaredErrorPerModel } from './losses.js';
import { createMlp } from './mlp.js';
import { predictionsOf, scoreOf } from './mlpTraining.js';
import { mlpSpecFor } from './modelParams.js';
import { trainedResult } from './trainedResult.js';

/** One model of a stacked job: its params, where it saves, and its own events and stop flag. */
export interface FusedJobMember extends Pick<EngineGroupMember, 'params' | 'checkpoints'> {
  modelDir?: string;
  onEpoch?: (event: EpochEvent) => void;
  /** Asked between epochs (see FusedModel.stopAsked). */
  stopAsked?: () => 'cancel' | 'prune' | undefined;
}

export interface FusedJobInput {
  data: PreparedData;
  members: FusedJobMember[];
  earlyStopping?: { patience: number; minDelta: number };
  returnTestOutputs?: boolean;
  /** After each epoch's events, before any member asks whether it is pruned (FusedFitOptions.epochDone). */
  epochDone?: () => void;
}

export type FusedJobOutcome = { ok: true; result: EngineTrainResult } | { ok: false; error: MlApiError };

/**
 * Models of one shape trained as one StackedMlp (fitFused), start to saved models, inside the current
 * thread: each seeded and built as a separate run is, then answered and saved as runTrainJob answers
 * one run (trainedResult), in its own directory. A fused group runs its members through it; a
 * separate run that the grouping would fuse runs through it as a stack of one, so both do the same
 * arithmetic (a member's channel is summed in the same order whatever the stack holds). Every tensor
 * it creates is disposed before it returns.
 *
 * @example
 * const [outcome] = await runFusedJob({ data, members: [{ params, modelDir }] });
 */
export async function runFusedJob(input: FusedJobInput): Promise<FusedJobOutcome[]> {
  const started = performance.now();
  const { data } = input;
  const t = toTensors(data);
  const models: FusedModel[] = [];
  try {
    for (const { params, checkpoints, onEpoch, stopAsked } of input.members) {
      const rng = mulberry32(params.seed);
      models.push({
        mlp: createMlp(mlpSpecFor(params, t.xTrain.shape[1], t.outputDim), rng),
        rng,
        epochs: params.epochs,
        learningRate: params.learningRate,
        ...(checkpoints ? { checkpoints: new Set(checkpoints.map((c) => c.epochs)) } : {}),
        ...(onEpoch ? { onEpoch } : {}),
        ...(stopAsked ? { stopAsked } : {}),
      });
    }
    const outcomes = fitFused({
      models,
      x: t.xTrain,
      y: t.yTrain,
      kind: data.task === 'classification' ? 'crossEntropy' : 'meanSquaredError',
      loss: data.task === 'classification' ? crossEntropyPerModel : meanSquaredErrorPerModel,
      xTest: t.xTest,
      yTest: t.yTest,
      ...(t.xVal && t.yVal
        ? {
            validation: {
              x: t.xVal,
              y: t.yVal,
              score: (out: Float32Array) =>
                scoreOf(data.task, predictionsOf(data.task, out, t.outputDim), data.yVal),
            },
          }
        : {}),
      ...(input.earlyStopping ? { earlyStopping: input.earlyStopping } : {}),
      batchSize: input.members[0]!.params.batchSize,
      ...(input.epochDone ? { epochDone: input.epochDone } : {}),
    });
    // Members save concurrently: one member's file writes overlap the next one's model building.
    const settled = await Promise.allSettled(
      outcomes.map(async (outcome, i): Promise<FusedJobOutcome> => {
        if (!outcome.ok) return outcome;
        const { mlp } = models[i]!;
        const asTensors = (weights: Float32Array[]) =>
          weights.map((w, k) => tf.tensor(w, mlp.variables[k]!.shape));
        mlp.variables.forEach((v, k) => {
          tf.tidy(() => v.assign(tf.tensor(outcome.final.weights[k]!, v.shape)));
        });
        const snapshots = outcome.snapshots.map((s) => ({ ...s, weights: asTensors(s.weights) }));
        try {
          const member = input.members[i]!;
          const result = await trainedResult(
            {
              data,
              params: member.params,
              ...(member.modelDir ? { modelDir: member.modelDir } : {}),
              ...(input.returnTestOutputs ? { returnTestOutputs: true } : {}),
              ...(member.checkpoints ? { checkpoints: member.checkpoints } : {}),
            },
            {
              mlp,
              snapshots,
              history: outcome.history,
              bestEpoch: outcome.bestEpoch,
              pruned: outcome.pruned,
              testOutputs: outcome.final.testOutputs,
            },
            t.outputDim,
            started,
          );
          return { ok: true, result };
        } catch (err) {
          if (!(err instanceof MlApiError)) throw err;
          return { ok: false, error: err };
        } finally {
          for (const s of snapshots) for (const w of s.weights) w.dispose();
        }
      }),
    );
    return settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
  } finally {
    for (const m of models) m.mlp.dispose();
    t.dispose();
  }
}
