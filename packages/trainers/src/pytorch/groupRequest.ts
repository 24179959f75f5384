import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import type { EngineGroupJob, EngineGroupMember, EngineGroupOutcome } from '../engine.js';
import { requestOnWorker } from '../workers/requestOnWorker.js';
import { cancelled } from '../workers/slotPool.js';
import type { WorkerPool } from '../workers/workerPool.js';
import type { TrainerProcess } from './pytorchEngine.js';
import { fromWireTrainResult, toTrainerRequest, type WireGroupResult } from './wire.js';

interface GroupContext {
  pool: WorkerPool<TrainerProcess>;
  id: string;
  log: (message: string) => void;
}

/**
 * One fused group as one request on one slot. A member's stop or prune is written to the request's
 * control file ({stop, prune}: member indexes in the request), which the trainer reads after every
 * epoch: that member ends there (CANCELLED, or a `pruned` result) and the others go on. When a member
 * can be pruned, the trainer also waits after each epoch's events for the ack, which names the
 * members pruned while handling them: they end at that epoch. Members stopped before the start are not sent.
 * The group's own signal (or a crash) ends the whole request: the promise rejects as `train` would.
 */
export async function trainGroupOnPool(
  job: EngineGroupJob,
  { pool, id, log }: GroupContext,
): Promise<EngineGroupOutcome[]> {
  const outcomes: Array<EngineGroupOutcome | undefined> = job.members.map((m) =>
    m.signal?.aborted ? { ok: false, error: cancelled() } : undefined,
  );
  const sent = job.members.flatMap((member, index) => (outcomes[index] ? [] : [{ member, index }]));
  if (sent.length === 0) return outcomes as EngineGroupOutcome[];
  const controlDir = mkdtempSync(join(tmpdir(), 'trainyard-group-'));
  const controlPath = join(controlDir, 'controls.json');
  const request = toTrainerRequest(id, job.data, resolve(sent[0]!.member.modelDir), {
    kind: 'train_group',
    members: sent.map(({ member }) => ({
      params: member.params,
      modelDir: resolve(member.modelDir),
      checkpoints: member.checkpoints?.map((c) => ({ ...c, modelDir: resolve(c.modelDir) })),
    })),
    returnTestOutputs: job.returnTestOutputs,
    earlyStopping: job.earlyStopping,
    controlPath,
    ackEpochs: sent.some(({ member }) => member.prune),
  });
  const onEpoch = (event: EpochEvent) => {
    const { member, ...rest } = event as EpochEvent & { member: number };
    sent[member]?.member.onEpoch?.(rest);
  };
  try {
    const answer = (await pool.run(job.signal, (worker, _slot, signal) => {
      const asked = { stop: [] as number[], prune: [] as number[] };
      const ask = (kind: 'stop' | 'prune', index: number) => {
        asked[kind].push(index);
        // Renamed into place, so the trainer (which reads it after every epoch) never sees half a file.
        writeFileSync(`${controlPath}.tmp`, JSON.stringify(asked));
        renameSync(`${controlPath}.tmp`, controlPath);
      };
      const listeners = sent.flatMap(({ member }, index) => memberListeners(member, index, ask));
      const prunedMembers = () => sent.flatMap(({ member }, index) => (member.prune?.aborted ? [index] : []));
      return requestOnWorker(worker, request, { id, onEpoch, signal, prunedMembers, log }).finally(() => {
        for (const off of listeners) off();
      });
    })) as WireGroupResult;
    answer.outcomes.forEach((outcome, i) => {
      outcomes[sent[i]!.index] = outcome.ok
        ? { ok: true, result: fromWireTrainResult(outcome.result) }
        : {
            ok: false,
            error:
              outcome.code === 'CANCELLED' ? cancelled() : new MlApiError('TRAINING_FAILED', outcome.message),
          };
    });
    return outcomes as EngineGroupOutcome[];
  } finally {
    rmSync(controlDir, { recursive: true, force: true });
  }
}

function memberListeners(
  member: EngineGroupMember,
  index: number,
  ask: (kind: 'stop' | 'prune', index: number) => void,
): Array<() => void> {
  return (['signal', 'prune'] as const).flatMap((key) => {
    const signal = member[key];
    if (!signal) return [];
    const kind = key === 'signal' ? 'stop' : 'prune';
    const listener = () => ask(kind, index);
    if (signal.aborted) listener();
    else signal.addEventListener('abort', listener, { once: true });
    return [() => signal.removeEventListener('abort', listener)];
  });
}
