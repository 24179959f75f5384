import { type EpochEvent, MlApiError } from '@trainyard/core';
import { type ProcessWorker, WORKER_EXITED, WORKER_STOPPED } from '../workers/processWorker.js';
import { cancelled } from '../workers/slotPool.js';
import type { TrainerRequest } from './wire.js';

export interface RunRequestOptions {
  onEpoch?: (event: EpochEvent) => void;
  signal?: AbortSignal;
  /** Where stderr tails and python tracebacks go (never to the user). */
  log: (message: string) => void;
}

/**
 * Sends one request to a warm trainer and settles with its `result`. A python `error` rejects with
 * MlApiError of its code; the process dying mid-run rejects with its exit text; an abort kills the
 * process (SIGTERM, then SIGKILL) and rejects with CANCELLED. Either way the caller's slot sees a dead
 * worker and respawns it for the next run.
 */
export function runTrainerRequest(
  worker: ProcessWorker<TrainerRequest>,
  request: TrainerRequest,
  { onEpoch, signal, log }: RunRequestOptions,
): Promise<unknown> {
  const id = request.header.id;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      off();
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      finish(() => {
        worker.stop().then(
          () => reject(cancelled()),
          () => reject(cancelled()),
        );
      });
    };
    const off = worker.on((message) => {
      if (message.type === 'epoch' && message.id === id) {
        const { epoch, epochs, train_loss, test_loss } = message;
        try {
          onEpoch?.({ epoch, epochs, train_loss, test_loss });
        } catch (err) {
          log(`onEpoch listener threw: ${String(err)}`);
        }
      } else if (message.type === 'result' && message.id === id) {
        finish(() => resolve(message.result));
      } else if (message.type === 'error' && message.code === WORKER_STOPPED) {
        // stop() from elsewhere (engine.close) ended the process under this run.
        finish(() => reject(cancelled()));
      } else if (message.type === 'error' && (message.id === id || message.id === undefined)) {
        if (message.detail) log(`PyTorch trainer error detail:\n${message.detail}`);
        if (message.code === WORKER_EXITED) log(`PyTorch trainer stderr tail:\n${worker.stderrTail}`);
        const code =
          message.code === 'TRAINING_FAILED' || message.code === WORKER_EXITED
            ? 'TRAINING_FAILED'
            : 'INTERNAL';
        finish(() => reject(new MlApiError(code, message.message)));
      }
    });
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.send(request);
  });
}
