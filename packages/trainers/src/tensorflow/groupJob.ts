import { type EpochEvent, MlApiError } from '@trainyard/core';
import {
  checkGroupJob,
  type EngineGroupMember,
  type EngineTrainResult,
  type PreparedData,
} from '../engine.js';
import { cancelled } from '../workers/slotPool.js';
import { runFusedJob } from './fusedJob.js';
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
 * A fused group, start to saved models, inside the current thread (runFusedJob, each member's events,
 * stop flag and directory its own); a member's failure is its outcome, as plain fields.
 *
 * @example
 * const outcomes = await runGroupJob({ data, members: [{ params, modelDir }, { params: p2, modelDir: d2 }] });
 */
export async function runGroupJob(input: GroupJobInput): Promise<TfGroupOutcome[]> {
  checkGroupJob(input);
  if (input.members.length === 1) return [await alone(input)];
  const outcomes = await runFusedJob({
    data: input.data,
    members: input.members.map((member, i) => ({
      ...member,
      ...(input.onEpoch ? { onEpoch: (e: EpochEvent) => input.onEpoch!(i, e) } : {}),
      ...(input.stopAsked ? { stopAsked: () => input.stopAsked!(i) } : {}),
    })),
    ...(input.earlyStopping ? { earlyStopping: input.earlyStopping } : {}),
    ...(input.returnTestOutputs ? { returnTestOutputs: true } : {}),
    ...(input.epochDone ? { epochDone: input.epochDone } : {}),
  });
  return outcomes.map((o) => (o.ok ? o : { ok: false, error: errorFields(o.error) }));
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
