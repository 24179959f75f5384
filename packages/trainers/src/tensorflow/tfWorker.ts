/**
 * Entry of a TensorFlow worker thread (run from dist/). Sets up the backend once, then serves train
 * and distill requests one at a time, posting epoch events as they happen. Expected failures go back
 * as `error` messages with their code; anything else is reported as WORKER_FAILED so the engine can
 * replace this thread (a wasm abort, e.g. out of memory, leaves the module unusable).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { type EpochEvent, MlApiError } from '@trainyard/core';
import { WORKER_FAILED, type WorkerMessage } from '../workers/engineWorker.js';
import { EPOCH_ACK, STOP_FLAG } from '../workers/threadWorker.js';
import { runDistillJob } from './distillJob.js';
import { runGroupJob } from './groupJob.js';
import {
  memberEpochId,
  memberStop,
  type TfGroupRequest,
  type TfJobRequest,
  type TfWorkerData,
} from './protocol.js';
import { initTensorflow } from './tfRuntime.js';
import { runTrainJob } from './trainJob.js';

const port = parentPort;
if (!port) throw new Error('tfWorker.js must run in a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);

/**
 * Posts `epochDone` and blocks until the engine acknowledges it (it has handled the epoch's events, so
 * a prune decided there is already in the flags). Timed waits only so a terminate() is never held up.
 */
function waitForAck(id: string, seq: number): void {
  post({ type: 'epochDone', id, seq });
  for (let acked = Atomics.load(flags, EPOCH_ACK); acked < seq; acked = Atomics.load(flags, EPOCH_ACK)) {
    Atomics.wait(flags, EPOCH_ACK, acked, 1_000);
  }
}

async function handle(req: TfJobRequest): Promise<void> {
  const onEpoch = (e: EpochEvent) => post({ type: 'epoch', id: req.id, ...e });
  // A stop or ack for an earlier request (after it ended) must not reach this one.
  Atomics.store(flags, STOP_FLAG, 0);
  Atomics.store(flags, EPOCH_ACK, 0);
  let acks = 0;
  const epochDone = req.type !== 'distill' && req.ackEpochs ? () => waitForAck(req.id, ++acks) : undefined;
  try {
    const result =
      req.type === 'trainGroup'
        ? await runGroup(req, epochDone)
        : req.type === 'train'
          ? await runTrainJob({
              data: req.data,
              params: req.params,
              modelDir: req.modelDir,
              returnTestOutputs: req.returnTestOutputs,
              earlyStopping: req.earlyStopping,
              checkpoints: req.checkpoints,
              onEpoch,
              stopAsked: () => {
                epochDone?.();
                return Atomics.load(flags, STOP_FLAG) === 1;
              },
            })
          : await runDistillJob({ ...req, onEpoch });
    post({ type: 'result', id: req.id, result: { result, liveTensors: tf.memory().numTensors } });
  } catch (err) {
    if (err instanceof MlApiError) {
      post({
        type: 'error',
        id: req.id,
        code: err.code,
        message: err.message,
        ...(err.field ? { field: err.field } : {}),
      });
    } else {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      const oom = /out of memory|OOM|Memory\.grow|allocation failed/i.test(detail);
      const message = oom
        ? 'TensorFlow ran out of memory; try a smaller model, batch size or dataset'
        : 'TensorFlow training failed unexpectedly';
      post({ type: 'error', id: req.id, code: WORKER_FAILED, message, detail });
    }
  }
}

function runGroup(req: TfGroupRequest, epochDone: (() => void) | undefined) {
  const stops = new Int32Array(req.stops);
  return runGroupJob({
    data: req.data,
    members: req.members,
    ...(req.earlyStopping ? { earlyStopping: req.earlyStopping } : {}),
    ...(req.returnTestOutputs ? { returnTestOutputs: true } : {}),
    onEpoch: (member, e) => post({ type: 'epoch', id: memberEpochId(req.id, member), ...e }),
    stopAsked: (member) => memberStop(stops, member),
    ...(epochDone ? { epochDone } : {}),
  });
}

const { backend, stopBuffer } = (workerData ?? { backend: 'wasm' }) as Partial<TfWorkerData>;
// The training loop is synchronous, so a message could not reach it between epochs: a shared flag can.
const flags = new Int32Array(stopBuffer ?? new SharedArrayBuffer(8));
const info = await initTensorflow(backend ?? 'wasm');
let queue = Promise.resolve();
port.on('message', (req: TfJobRequest) => {
  queue = queue.then(() => handle(req));
});
post({ type: 'ready', info });
