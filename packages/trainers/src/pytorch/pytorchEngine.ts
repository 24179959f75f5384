import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MlApiError } from '@trainyard/core';
import {
  checkDistillJob,
  checkGroupJob,
  checkTrainJob,
  type Engine,
  type EngineDistillJob,
  type EngineStatus,
  type EngineTrainJob,
  teacherFilesMissing,
} from '../engine.js';
import { ProcessWorker } from '../workers/processWorker.js';
import { requestOnWorker } from '../workers/requestOnWorker.js';
import { WorkerPool } from '../workers/workerPool.js';
import { trainGroupOnPool } from './groupRequest.js';
import { probePython } from './probePython.js';
import { DEFAULT_PYTHON, TRAINER_SCRIPT, trainerEnv } from './trainerScript.js';
import {
  encodeTrainerRequest,
  fromWireDistillResult,
  fromWireTrainResult,
  type TrainerRequest,
  toTrainerRequest,
} from './wire.js';

export interface PytorchEngineOptions {
  /** Interpreter with torch; default TRAINYARD_PYTHON, then /usr/bin/python3. */
  python?: string;
  /** Concurrent runs, one warm python process each; default the number of cores. */
  slots?: number;
  /** Torch/BLAS threads per process; default max(1, floor(cores / slots)). */
  threadsPerSlot?: number;
  /** Receives stderr tails and tracebacks, which are for operators, not users. */
  log?: (message: string) => void;
}

export type TrainerProcess = ProcessWorker<TrainerRequest>;

/** The PyTorch engine, plus what tests and health checks may look at. */
export interface PytorchEngine extends Engine {
  readonly slots: number;
  readonly threadsPerSlot: number;
  /** Pid of each slot's warm process (undefined while none is running). */
  workerPids(): Array<number | undefined>;
}

/** The model file every PyTorch model directory holds (TorchScript, eval mode). */
export const PYTORCH_MODEL_FILE = 'model.pt';

/**
 * Trains in warm python processes, one per slot, reused across runs because `import torch` alone
 * costs about as much as a whole iris run. Jobs queue for free slots; a process that crashed or was
 * cancelled is respawned lazily by the next job.
 *
 * @example
 * const engine = createPytorchEngine({ slots: 2 });
 * const result = await engine.train({ data, params, modelDir, onEpoch: console.log });
 * const outcomes = await engine.trainGroup({ data, members: [{ params, modelDir }, { params: p2, modelDir: d2 }] });
 * await engine.close();
 */
export function createPytorchEngine(options: PytorchEngineOptions = {}): PytorchEngine {
  const python = options.python ?? process.env.TRAINYARD_PYTHON ?? DEFAULT_PYTHON;
  const cores = availableParallelism();
  const slots = options.slots ?? cores;
  const threadsPerSlot = options.threadsPerSlot ?? Math.max(1, Math.floor(cores / slots));
  const log = options.log ?? ((message: string) => process.stderr.write(`[trainyard:pytorch] ${message}\n`));
  const pool = new WorkerPool<TrainerProcess>({
    slots,
    create: () =>
      new ProcessWorker<TrainerRequest>({
        command: python,
        args: [TRAINER_SCRIPT],
        env: trainerEnv(threadsPerSlot),
        name: 'PyTorch trainer',
        encode: encodeTrainerRequest,
        interruptSignal: 'SIGUSR1',
      }),
    unavailable: 'The PyTorch trainer could not start',
    closed: 'The PyTorch engine has been closed',
    log,
  });
  let statusPromise: Promise<EngineStatus> | undefined;
  let nextId = 0;

  const status = (): Promise<EngineStatus> => {
    statusPromise ??= probePython(python, threadsPerSlot).then((s) =>
      s.available ? { ...s, details: { ...s.details, slots, threadsPerSlot } } : s,
    );
    return statusPromise;
  };

  const ensureAvailable = async (): Promise<void> => {
    const s = await status();
    if (!s.available) throw new MlApiError('ENGINE_UNAVAILABLE', s.message);
  };

  const run = (request: TrainerRequest, job: Pick<EngineTrainJob, 'onEpoch' | 'signal' | 'prune'>) =>
    pool.run(job.signal, (worker, _slot, signal) =>
      requestOnWorker(worker, request, {
        id: request.header.id,
        onEpoch: job.onEpoch,
        signal,
        ...(job.prune ? { prune: job.prune, prunedMembers: () => (job.prune?.aborted ? [0] : []) } : {}),
        log,
      }),
    );

  const requestId = () => `run-${process.pid}-${++nextId}`;

  return {
    framework: 'pytorch',
    slots,
    threadsPerSlot,
    status,

    async train(job) {
      checkTrainJob(job);
      await ensureAvailable();
      const request = toTrainerRequest(requestId(), job.data, resolve(job.modelDir), {
        kind: 'train',
        params: job.params,
        returnTestOutputs: job.returnTestOutputs,
        earlyStopping: job.earlyStopping,
        checkpoints: job.checkpoints?.map((c) => ({ ...c, modelDir: resolve(c.modelDir) })),
        ackEpochs: job.prune !== undefined,
      });
      return fromWireTrainResult((await run(request, job)) as Parameters<typeof fromWireTrainResult>[0]);
    },

    async distill(job: EngineDistillJob) {
      checkDistillJob(job);
      await ensureAvailable();
      const teacherPath = resolve(job.teacherDir, PYTORCH_MODEL_FILE);
      await access(teacherPath).catch(() => {
        throw teacherFilesMissing();
      });
      const request = toTrainerRequest(requestId(), job.data, resolve(job.modelDir), {
        kind: 'distill',
        student: job.student,
        teacherPath,
        temperature: job.temperature,
        alpha: job.alpha,
        compareScratch: job.compareScratch,
      });
      return fromWireDistillResult((await run(request, job)) as Parameters<typeof fromWireDistillResult>[0]);
    },

    async trainGroup(job) {
      checkGroupJob(job);
      await ensureAvailable();
      return trainGroupOnPool(job, { pool, id: requestId(), log });
    },

    workerPids: () => pool.slots.map((slot) => (slot.state?.alive ? slot.state.pid : undefined)),

    /** Final: runs in flight and queued end as CANCELLED, later runs are refused. */
    close: () => pool.close(),
  };
}
