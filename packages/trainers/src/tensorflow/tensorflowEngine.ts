import { availableParallelism } from 'node:os';
import { type EpochEvent, MlApiError } from '@trainyard/core';
import {
  checkDistillJob,
  checkGroupJob,
  checkTrainJob,
  type Engine,
  type EngineDistillJob,
  type EngineDistillResult,
  type EngineGroupJob,
  type EngineGroupMember,
  type EngineGroupOutcome,
  type EngineStatus,
  type EngineTrainJob,
  type EngineTrainResult,
} from '../engine.js';
import type { WorkerMessage } from '../workers/engineWorker.js';
import { requestOnWorker } from '../workers/requestOnWorker.js';
import { ThreadWorker } from '../workers/threadWorker.js';
import { WorkerPool } from '../workers/workerPool.js';
import type { TfGroupOutcome } from './groupJob.js';
import {
  MEMBER_CANCEL,
  MEMBER_PRUNE,
  memberEpochId,
  type TfJobAnswer,
  type TfJobRequest,
  type TfWorkerData,
  transferList,
  withOwnArrays,
} from './protocol.js';
import type { TfBackendName } from './tfRuntime.js';
import { tfWorkerUrl } from './workerEntry.js';

export interface TensorflowEngineOptions {
  /** Concurrent runs, one warm worker thread each; default the number of cores. */
  slots?: number;
  /** 'wasm' (default, XNNPACK + SIMD) or the pure-JS 'cpu' backend (for comparison). */
  backend?: TfBackendName;
  /** Worker entry override (tests wrap the real entry); default the built tfWorker.js. */
  workerUrl?: URL;
  /** Receives crash details, which are for operators, not users. */
  log?: (message: string) => void;
}

/** Member k's epoch events (sent with the id `memberEpochId(id, k)`) to `onMemberEpoch`. */
function memberEpochs(
  id: string,
  onMemberEpoch: (member: number, e: EpochEvent) => void,
  log: (m: string) => void,
) {
  const prefix = memberEpochId(id, 0).slice(0, -1);
  return (message: WorkerMessage) => {
    if (message.type !== 'epoch' || !message.id.startsWith(prefix)) return;
    const { type: _type, id: memberId, ...event } = message;
    try {
      onMemberEpoch(Number(memberId.slice(prefix.length)), event);
    } catch (err) {
      log(`onEpoch listener threw: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

/** Each member's signal and prune set its flag (cancel wins); returns the unhooking. */
function hookMemberStops(members: EngineGroupMember[], flags: Int32Array): () => void {
  const offs = members.flatMap((m, k) => {
    const cancel = () => Atomics.store(flags, k, MEMBER_CANCEL);
    const prune = () => Atomics.compareExchange(flags, k, 0, MEMBER_PRUNE);
    const hooks: Array<[AbortSignal, () => void]> = [];
    if (m.signal) hooks.push([m.signal, cancel]);
    if (m.prune) hooks.push([m.prune, prune]);
    return hooks.map(([signal, fn]) => {
      if (signal.aborted) fn();
      else signal.addEventListener('abort', fn, { once: true });
      return () => signal.removeEventListener('abort', fn);
    });
  });
  return () => {
    for (const off of offs) off();
  };
}

/** The TensorFlow engine, plus what tests, benchmarks and health checks may look at. */
export interface TensorflowEngine extends Engine {
  readonly slots: number;
  /** Worker threads started so far (a warm worker is reused, so this stays at `slots` when all is well). */
  workerStarts(): number;
  /** Live tensors each slot's thread reported after its last run (undefined before one). */
  liveTensors(): Array<number | undefined>;
}

type TfThread = ThreadWorker<TfJobRequest>;
type JobBody = Omit<TfJobRequest, 'id'>;

const CRASHED =
  'The TensorFlow worker crashed during training; the run was not saved. Try again, or use a smaller model or dataset';

/**
 * Trains TF.js models in warm worker threads, one per slot, so the event loop stays free and runs
 * use every core (the wasm backend is single-threaded in Node). Jobs queue for free slots; a thread
 * that crashed or was cancelled is replaced lazily by the next job.
 *
 * @example
 * const engine = createTensorflowEngine({ slots: 2 });
 * const result = await engine.train({ data, params, modelDir, onEpoch: console.log });
 * await engine.close();
 */
export function createTensorflowEngine(options: TensorflowEngineOptions = {}): TensorflowEngine {
  const slots = options.slots ?? availableParallelism();
  if (!Number.isInteger(slots) || slots < 1)
    throw new Error(`slots must be a positive integer, got ${slots}`);
  const backend = options.backend ?? 'wasm';
  const log =
    options.log ?? ((message: string) => process.stderr.write(`[trainyard:tensorflow] ${message}\n`));
  const live: Array<number | undefined> = Array.from({ length: slots }, () => undefined);
  let starts = 0;
  let nextId = 0;
  const pool = new WorkerPool<TfThread>({
    slots,
    create: (slot) => {
      starts++;
      const stopBuffer = new SharedArrayBuffer(8);
      return new ThreadWorker<TfJobRequest>({
        url: options.workerUrl ?? tfWorkerUrl(),
        name: `TensorFlow worker ${slot.index + 1}`,
        workerData: { backend, stopBuffer } satisfies TfWorkerData,
        transfer: transferList,
        stopBuffer,
      });
    },
    unavailable: 'The TensorFlow engine could not start a worker thread',
    closed: 'The TensorFlow engine is closed',
    log,
  });

  /** Sends one job to a slot's thread; its answer also reports the thread's live tensors. */
  const run = <R>(
    body: JobBody,
    jobSignal: AbortSignal | undefined,
    onEpoch?: (e: EpochEvent) => void,
    prune?: AbortSignal,
    onMemberEpoch?: (member: number, e: EpochEvent) => void,
  ) =>
    pool.run(jobSignal, async (worker, slot, signal) => {
      const id = `tf-${++nextId}`;
      const request = { ...body, id, data: withOwnArrays(body.data) } as TfJobRequest;
      const off = onMemberEpoch ? worker.on(memberEpochs(id, onMemberEpoch, log)) : undefined;
      try {
        const answer = (await requestOnWorker(worker, request, {
          id,
          signal,
          log,
          crashed: CRASHED,
          ...(onEpoch ? { onEpoch } : {}),
          ...(prune ? { prune } : {}),
        })) as TfJobAnswer<EngineTrainResult | EngineDistillResult | TfGroupOutcome[]>;
        live[slot.index] = answer.liveTensors;
        return answer.result as R;
      } finally {
        off?.();
      }
    });

  return {
    framework: 'tensorflow',
    slots,
    workerStarts: () => starts,
    liveTensors: () => [...live],

    async status(): Promise<EngineStatus> {
      try {
        const info = await run0();
        const simd = info.simd ? ' with SIMD' : '';
        return {
          available: true,
          message: `TensorFlow.js ${info.tfjs} on the ${info.backend} backend${simd}, ${slots} worker thread(s)`,
          details: { ...info, slots },
        };
      } catch (err) {
        return {
          available: false,
          message: err instanceof Error ? err.message : 'The TensorFlow engine is unavailable',
        };
      }
    },

    async train(job: EngineTrainJob): Promise<EngineTrainResult> {
      checkTrainJob(job);
      const body = {
        type: 'train' as const,
        data: job.data,
        params: job.params,
        modelDir: job.modelDir,
        ...(job.returnTestOutputs ? { returnTestOutputs: true } : {}),
        ...(job.earlyStopping ? { earlyStopping: job.earlyStopping } : {}),
        ...(job.checkpoints ? { checkpoints: job.checkpoints } : {}),
      };
      const ack = job.prune ? { ackEpochs: true as const } : {};
      return run<EngineTrainResult>({ ...body, ...ack }, job.signal, job.onEpoch, job.prune);
    },

    async distill(job: EngineDistillJob): Promise<EngineDistillResult> {
      checkDistillJob(job);
      const { data, teacherDir, student, temperature, alpha, compareScratch, modelDir } = job;
      const body = {
        type: 'distill' as const,
        data,
        teacherDir,
        student,
        temperature,
        alpha,
        compareScratch,
        modelDir,
      };
      return run<EngineDistillResult>(body, job.signal, job.onEpoch);
    },

    async trainGroup(job: EngineGroupJob): Promise<EngineGroupOutcome[]> {
      checkGroupJob(job);
      const stops = new SharedArrayBuffer(4 * job.members.length);
      const unhook = hookMemberStops(job.members, new Int32Array(stops));
      const body = {
        type: 'trainGroup' as const,
        data: job.data,
        members: job.members.map(({ params, modelDir, checkpoints }) => ({
          params,
          modelDir,
          ...(checkpoints ? { checkpoints } : {}),
        })),
        stops,
        ...(job.members.some((m) => m.prune) ? { ackEpochs: true as const } : {}),
        ...(job.returnTestOutputs ? { returnTestOutputs: true } : {}),
        ...(job.earlyStopping ? { earlyStopping: job.earlyStopping } : {}),
      };
      try {
        const outcomes = await run<TfGroupOutcome[]>(body, job.signal, undefined, undefined, (k, e) =>
          job.members[k]?.onEpoch?.(e),
        );
        return outcomes.map((o) =>
          o.ok
            ? o
            : {
                ok: false,
                error: new MlApiError(
                  o.error.code,
                  o.error.message,
                  o.error.field ? { field: o.error.field } : {},
                ),
              },
        );
      } finally {
        unhook();
      }
    },

    close: () => pool.close(),
  };

  /** Backend facts from any warm thread, warming slot 1's when none is running yet. */
  async function run0(): Promise<Record<string, string | number | boolean>> {
    const warm = pool.slots.find((s) => s.state?.readyInfo);
    if (warm?.state?.readyInfo) return warm.state.readyInfo;
    return pool.run(undefined, async (worker) => worker.readyInfo ?? {});
  }
}
