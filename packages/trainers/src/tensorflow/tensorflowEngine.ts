import { availableParallelism } from 'node:os';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import type {
  Engine,
  EngineDistillJob,
  EngineDistillResult,
  EngineStatus,
  EngineTrainJob,
  EngineTrainResult,
} from '../engine.js';
import type { WorkerMessage } from '../workers/engineWorker.js';
import { cancelled, type Slot, SlotPool } from '../workers/slotPool.js';
import { ThreadWorker } from '../workers/threadWorker.js';
import { checkModelParams } from './modelParams.js';
import {
  type TfJobAnswer,
  type TfJobRequest,
  transferList,
  WORKER_FAILED,
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
  const pool = new SlotPool<TfThread>(slots);
  const live: Array<number | undefined> = Array.from({ length: slots }, () => undefined);
  const closing = new AbortController();
  let starts = 0;
  let nextId = 0;

  const warmWorker = async (slot: Slot<TfThread>): Promise<TfThread> => {
    if (slot.state?.alive) return slot.state;
    try {
      slot.state ??= new ThreadWorker<TfJobRequest>({
        url: options.workerUrl ?? tfWorkerUrl(),
        name: `TensorFlow worker ${slot.index + 1}`,
        workerData: { backend },
        transfer: transferList,
      });
      starts++;
      await slot.state.start();
    } catch (err) {
      log(`worker ${slot.index + 1} failed to start: ${err instanceof Error ? err.message : String(err)}`);
      throw new MlApiError('ENGINE_UNAVAILABLE', 'The TensorFlow engine could not start a worker thread', {
        cause: err,
      });
    }
    return slot.state;
  };

  const toError = (message: Extract<WorkerMessage, { type: 'error' }>): MlApiError => {
    if (message.code === WORKER_FAILED || message.id === undefined) {
      log(`${message.message}${message.detail ? `\n${message.detail}` : ''}`);
      return new MlApiError('TRAINING_FAILED', message.id === undefined ? CRASHED : message.message);
    }
    const code = message.code as MlApiError['code'];
    return new MlApiError(code, message.message, message.field ? { field: message.field } : {});
  };

  /** Sends one job to the slot's thread and settles on its answer, a crash, or the abort signal. */
  const runOn = <R>(
    worker: TfThread,
    slot: Slot<TfThread>,
    body: JobBody,
    signal: AbortSignal,
    onEpoch?: (e: EpochEvent) => void,
  ) =>
    new Promise<R>((resolve, reject) => {
      const id = `tf-${++nextId}`;
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        off();
        signal.removeEventListener('abort', onAbort);
        action();
      };
      // Stop the thread before rejecting, so the slot is free only once the run is really gone.
      const stopThen = (action: () => void) => settle(() => void worker.stop().then(action, action));
      const onAbort = () => stopThen(() => reject(cancelled()));
      const off = worker.on((message) => {
        if (message.type === 'epoch' && message.id === id) {
          const { epoch, epochs, train_loss, test_loss } = message;
          try {
            onEpoch?.({ epoch, epochs, train_loss, test_loss });
          } catch (err) {
            log(`onEpoch listener threw: ${err instanceof Error ? err.message : String(err)}`);
          }
        } else if (message.type === 'result' && message.id === id) {
          const answer = message.result as TfJobAnswer<EngineTrainResult | EngineDistillResult>;
          live[slot.index] = answer.liveTensors;
          settle(() => resolve(answer.result as R));
        } else if (message.type === 'error' && (message.id === id || message.id === undefined)) {
          const error = toError(message);
          if (message.code === WORKER_FAILED) stopThen(() => reject(error));
          else settle(() => reject(error));
        }
      });
      signal.addEventListener('abort', onAbort, { once: true });
      const request = { ...body, id, data: withOwnArrays(body.data) } as TfJobRequest;
      worker.send(request);
    });

  const run = async <R>(
    body: JobBody,
    jobSignal: AbortSignal | undefined,
    onEpoch?: (e: EpochEvent) => void,
  ) => {
    if (closing.signal.aborted) throw new MlApiError('ENGINE_UNAVAILABLE', 'The TensorFlow engine is closed');
    const signal = jobSignal ? AbortSignal.any([jobSignal, closing.signal]) : closing.signal;
    return pool.run(signal, async (slot) => {
      const worker = await warmWorker(slot);
      if (signal.aborted) throw cancelled();
      return runOn<R>(worker, slot, body, signal, onEpoch);
    });
  };

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
      checkModelParams(job.params);
      const body = {
        type: 'train' as const,
        data: job.data,
        params: job.params,
        modelDir: job.modelDir,
        ...(job.returnTestOutputs ? { returnTestOutputs: true } : {}),
      };
      return run<EngineTrainResult>(body, job.signal, job.onEpoch);
    },

    async distill(job: EngineDistillJob): Promise<EngineDistillResult> {
      checkModelParams(job.student);
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

    async close(): Promise<void> {
      closing.abort();
      await Promise.all(pool.slots.map((slot) => slot.state?.stop()));
    },
  };

  /** Backend facts from any warm thread, warming slot 1's when none is running yet. */
  async function run0(): Promise<Record<string, string | number | boolean>> {
    const warm = pool.slots.find((s) => s.state?.readyInfo);
    if (warm?.state?.readyInfo) return warm.state.readyInfo;
    if (closing.signal.aborted) throw new MlApiError('ENGINE_UNAVAILABLE', 'The TensorFlow engine is closed');
    return pool.run(closing.signal, async (slot) => (await warmWorker(slot)).readyInfo ?? {});
  }
}
