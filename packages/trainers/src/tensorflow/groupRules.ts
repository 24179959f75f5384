import { MlApiError } from '@trainyard/core';
import {
  checkCheckpoints,
  checkEarlyStopping,
  checkModelParams,
  checkPreparedData,
  type EngineGroupMember,
  type ModelParams,
  type PreparedData,
} from '../engine.js';

/** The fields every member of a fused group shares (the stack's batches, depth and streams). */
export const FUSED_SHARED_FIELDS = ['batchSize', 'numHiddenLayers', 'seed', 'mode'] as const;

/**
 * The engine guard for a group: the data, every member as a separate job would be checked, and the
 * shared fields equal in all members. `mode: 'linear'` members fuse too (no hidden layers).
 *
 * @example
 * checkGroupFusable({ data, members: [{ params, modelDir }, { params: { ...params, seed: 2 }, modelDir }] })
 * // throws 'Invalid seed: 2 (the same in every member of a fused group: member 1 has 1)'
 */
export function checkGroupFusable(job: {
  data: PreparedData;
  members: Array<Pick<EngineGroupMember, 'params' | 'modelDir' | 'checkpoints'>>;
  earlyStopping?: { patience: number; minDelta: number };
}): void {
  checkPreparedData(job.data);
  const { members } = job;
  if (!Array.isArray(members) || members.length === 0)
    throw new MlApiError(
      'VALIDATION',
      `Invalid members: ${String(members?.length ?? members)} (at least one)`,
      {
        field: 'members',
      },
    );
  for (const member of members) {
    checkModelParams(member.params);
    checkCheckpoints(member.checkpoints, member.params.epochs);
    if (typeof member.modelDir !== 'string' || member.modelDir === '')
      throw new MlApiError('VALIDATION', `Invalid modelDir: ${String(member.modelDir)} (a directory each)`, {
        field: 'modelDir',
      });
  }
  checkEarlyStopping(job.earlyStopping, job.data.nVal);
  const first: ModelParams = members[0]!.params;
  for (const [i, { params }] of members.entries()) {
    for (const field of FUSED_SHARED_FIELDS) {
      if (params[field] !== first[field])
        throw new MlApiError(
          'VALIDATION',
          `Invalid ${field}: ${String(params[field])} (the same in every member of a fused group: member 1 has ${String(first[field])}, member ${i + 1} differs)`,
          { field },
        );
    }
  }
}
