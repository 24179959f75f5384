import * as tf from '@tensorflow/tfjs';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import {
  checkGroupJob,
  type EngineGroupMember,
  type EngineTrainResult,
  type PreparedData,
} from '../engine.js';
import { mulberry32 } from '../preprocessing/random.js';
import { cancelled } from '../workers/slotPool.js';
import { toTensors } from './dataTensors.js';
import { type FusedModel, fitFused } from './fusedTrainLoop.js';
import { crossEntropyPerModel, meanSquaredErrorPerModel } from './losses.js';
import { createMlp } from './mlp.js';
import { predictionsOf, scoreOf } from './mlpTraining.js';
import { mlpSpecFor } from './modelParams.js';
import { trainedResult } from './trainedResult.js';
import { runTrainJob } from './trainJob.js';

/** A member's answer as it crosses back from the thread: the error as plain fields. */
export type TfGroupOutcome =
  | { ok: true; result: EngineTrainResult }
  | { ok: false; error: { code: MlApiError['code']; message: string; field?: string } };

export interface GroupJobInput {
  data: PreparedData;
  members: Array<Pick<EngineGroupMember, 'params' | 'modelDir' | 'checkpoints'>>;
  earlyStopping?: { patience: number; minDelta: number };
  returnTestOutputs?: boolean;
  onEpoch?: (member: number, event: EpochEvent) => void;
  /** Asked between epochs, per member (see FusedModel.stopAsked). */
  stopAsked?: (member: number) => 'cancel' | 'prune' | undefined;
  /** After each epoch's events, before any member asks whether it is pruned (FusedFitOptions.epochDone). */
  epochDone?: () => void;
}

const errorFields = (err: MlApiError): Extract<TfGroupOutcome, { ok: false }>['error'] => ({
  code: err.code,
  message: err.message,
  ...(err.field ? { field: err.field } : {}),
});

/**
 * A fused group, start to saved models, inside the current thread: each member seeded and built as
 * its separate run is, trained together (fitFused), then answered and saved exactly as runTrainJob
 * answers and saves one run (trainedResult), in its own directory. Every tensor it creates is
 * disposed before it returns.
 *
 * @example
 * const outcomes = await runGroupJob({ data, members: [{ params, modelDir }, { params: p2, modelDir: d2 }] });
 */
export async function runGroupJob(input: GroupJobInput): Promise<TfGroupOutcome[]> {
  const started = performance.now();
  const { data } = input;
  checkGroupJob(input);
  if (input.members.length === 1) return [await alone(input)];
  const t = toTensors(data);
  const models: FusedModel[] = [];
  try {
    for (const [i, { params, checkpoints }] of input.members.entries()) {
      const rng = mulberry32(params.seed);
      models.push({
        mlp: createMlp(mlpSpecFor(params, t.xTrain.shape[1], t.outputDim), rng),
        rng,
        epochs: params.epochs,
        learningRate: params.learningRate,
        ...(checkpoints ? { checkpoints: new Set(checkpoints.map((c) => c.epochs)) } : {}),
        ...(input.onEpoch ? { onEpoch: (e: EpochEvent) => input.onEpoch!(i, e) } : {}),
        ...(input.stopAsked ? { stopAsked: () => input.stopAsked!(i) } : {}),
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
      outcomes.map(async (outcome, i): Promise<TfGroupOutcome> => {
        if (!outcome.ok) return { ok: false, error: errorFields(outcome.error) };
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
              modelDir: member.modelDir,
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
          return { ok: false, error: errorFields(err) };
        } finally {
          for (const s of snapshots) for (const w of s.weights) w.dispose();
        }
      }),
    );
    const answers = settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    return answers;
  } finally {
    for (const m of models) m.mlp.dispose();
    t.dispose();
  }
}

/** A group of one is a separate run (bit for bit); its stop flag prunes it or cancels it. */
async function alone(input: GroupJobInput): Promise<TfGroupOutcome> {
  const { params, modelDir, checkpoints } = input.members[0]!;
  const stop = () => input.stopAsked?.(0);
  try {
    if (stop() === 'cancel') throw cancelled();
    const result = await runTrainJob({
      data: input.data,
      params,
      modelDir,
      ...(checkpoints ? { checkpoints } : {}),
      ...(input.earlyStopping ? { earlyStopping: input.earlyStopping } : {}),
      ...(input.returnTestOutputs ? { returnTestOutputs: true } : {}),
      ...(input.onEpoch ? { onEpoch: (e: EpochEvent) => input.onEpoch!(0, e) } : {}),
      stopAsked: () => {
        input.epochDone?.();
        return stop() !== undefined;
      },
    });
    if (stop() === 'cancel') throw cancelled();
    return { ok: true, result };
  } catch (err) {
    if (!(err instanceof MlApiError)) throw err;
    return { ok: false, error: errorFields(err) };
  }
}
