import { type EpochEvent, ERROR_CODES, type ErrorCode, MlApiError } from '@trainyard/core';
import {
  BAD_REQUEST,
  type EngineWorker,
  WORKER_EXITED,
  WORKER_FAILED,
  WORKER_STOPPED,
  type WorkerMessage,
} from './engineWorker.js';
import { cancelled } from './slotPool.js';

export interface RequestOnWorkerOptions {
  /** The id this request's `epoch`, `result` and `error` messages carry. */
  id: string;
  onEpoch?: (event: EpochEvent) => void;
  signal?: AbortSignal;
  /** Firing interrupts the worker: the request stops after its current epoch and answers as usual. */
  prune?: AbortSignal;
  /**
   * The members (0 for a single run) whose prune was asked for, read when an `epochDone` is
   * acknowledged: by then that epoch's events went through `onEpoch`, so a prune decided there counts.
   */
  prunedMembers?: () => number[];
  /** Where tracebacks, stderr tails and thread stacks go (never to the user). */
  log: (message: string) => void;
  /** User-safe text for a worker that died under the request; default the worker's own exit text. */
  crashed?: string;
}

type ErrorMessage = Extract<WorkerMessage, { type: 'error' }>;

/**
 * Sends one request to a started worker and settles with its `result` payload, for both transports.
 * Epoch events go to `onEpoch`; an `epochDone` is acknowledged right after them (see EngineWorker.acknowledge). A worker `error` rejects with an MlApiError (see `toMlApiError`); a
 * WORKER_FAILED worker is stopped first, since it may be unusable. An abort stops the worker
 * (SIGTERM, then SIGKILL) and rejects with CANCELLED once it is gone, so the caller's slot is free only
 * when the run really is; the slot's next job then starts a fresh worker.
 *
 * @example
 * const result = await requestOnWorker(worker, request, { id: request.id, signal, onEpoch, log });
 */
export function requestOnWorker<Req>(
  worker: EngineWorker<Req>,
  request: Req,
  { id, onEpoch, signal, prune, prunedMembers, log, crashed }: RequestOnWorkerOptions,
): Promise<unknown> {
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      off();
      signal?.removeEventListener('abort', onAbort);
      prune?.removeEventListener('abort', onPrune);
      outcome();
    };
    const stopThen = (outcome: () => void) => settle(() => void worker.stop().then(outcome, outcome));
    const onAbort = () => stopThen(() => reject(cancelled()));
    const onPrune = () => {
      if (!settled) worker.interrupt();
    };
    const off = worker.on((message) => {
      if (message.type === 'epoch' && message.id === id) {
        const { type: _type, id: _id, ...event } = message;
        try {
          onEpoch?.(event);
        } catch (err) {
          log(`onEpoch listener threw: ${err instanceof Error ? err.message : String(err)}`);
        }
      } else if (message.type === 'epochDone' && message.id === id) {
        // Always answered: the worker waits for it (requests ask for it only when they can be pruned).
        if (!settled) worker.acknowledge(message.seq, { prune: prunedMembers?.() ?? [] });
      } else if (message.type === 'result' && message.id === id) {
        settle(() => resolve(message.result));
      } else if (message.type === 'error' && (message.id === id || message.id === undefined)) {
        const error = toMlApiError(message, crashed);
        // A stop was asked for; anything else unexpected goes to the operators' log with its detail.
        if (message.code !== WORKER_STOPPED && (message.detail || !isErrorCode(message.code))) {
          log(message.message);
          if (message.detail) log(message.detail);
        }
        if (message.code === WORKER_FAILED) stopThen(() => reject(error));
        else settle(() => reject(error));
      }
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      worker.send(request);
      // After the send: an interrupt before it would reach the previous request, or nothing.
      if (prune?.aborted) onPrune();
      else prune?.addEventListener('abort', onPrune, { once: true });
    } catch (err) {
      // The worker died between being warmed and this send: the same as dying under the run.
      const message = err instanceof Error ? err.message : String(err);
      log(message);
      settle(() => reject(toMlApiError({ type: 'error', code: WORKER_EXITED, message }, crashed)));
    }
  });
}

/**
 * What the user sees for a worker `error`: WORKER_STOPPED → CANCELLED; WORKER_EXITED → TRAINING_FAILED
 * (`crashed` text); WORKER_FAILED → TRAINING_FAILED; BAD_REQUEST or an unknown code → INTERNAL;
 * any other MlApiError code as it is, with its field.
 */
function toMlApiError(message: ErrorMessage, crashed?: string): MlApiError {
  switch (message.code) {
    case WORKER_STOPPED:
      return cancelled();
    case WORKER_EXITED:
      return new MlApiError('TRAINING_FAILED', crashed ?? message.message);
    case WORKER_FAILED:
      return new MlApiError('TRAINING_FAILED', message.message);
    case BAD_REQUEST:
      return new MlApiError('INTERNAL', message.message);
    default:
      if (!isErrorCode(message.code)) return new MlApiError('INTERNAL', message.message);
      return new MlApiError(message.code, message.message, message.field ? { field: message.field } : {});
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
