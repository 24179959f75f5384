/**
 * One worker interface, one class per transport (STYLE.md §9): TF.js runs in worker threads,
 * PyTorch in a python subprocess; both speak the same tagged-union protocol with errors as data.
 */
import type { EpochEvent, ErrorCode } from '@trainyard/core';

/** The worker could not read a request (a bug on our side; the python trainer's only own code). */
export const BAD_REQUEST = 'BAD_REQUEST';
/** An unexpected failure inside a job; the worker may be unusable, so it is replaced. */
export const WORKER_FAILED = 'WORKER_FAILED';
/** The worker died without being asked to (crash, kill -9, out of memory). */
export const WORKER_EXITED = 'WORKER_EXITED';
/** stop() ended the worker (an abort or engine.close), so a request still in flight is not left hanging. */
export const WORKER_STOPPED = 'WORKER_STOPPED';

/**
 * Every code an `error` message may carry: an expected failure of the job, passed on to the caller as
 * that MlApiError code (TRAINING_FAILED, VALIDATION, NOT_FOUND, …), or one of the transport's own four.
 * requestOnWorker turns each into what the user sees, in one place.
 */
export type WorkerErrorCode =
  | ErrorCode
  | typeof BAD_REQUEST
  | typeof WORKER_FAILED
  | typeof WORKER_EXITED
  | typeof WORKER_STOPPED;

/** Messages a worker sends back. `id` ties a message to the request that caused it. */
export type WorkerMessage =
  | { type: 'ready'; info?: Record<string, string | number | boolean> }
  | ({ type: 'epoch'; id: string } & EpochEvent)
  /**
   * Sent (when the request asked for it) after an epoch's events; the worker waits for `acknowledge(seq)`
   * before it decides whether to go on, so a prune asked for while handling those events ends it there.
   */
  | { type: 'epochDone'; id: string; seq: number }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id?: string; code: WorkerErrorCode; message: string; detail?: string; field?: string };

export interface EngineWorker<Req> {
  /** Spawns the thread/process and resolves once it reported `ready`. */
  start(): Promise<void>;
  send(request: Req): void;
  on(listener: (message: WorkerMessage) => void): () => void;
  /**
   * Asks politely (SIGTERM / terminate), then kills after `killAfterMs`. Resolves once it is gone;
   * a request still in flight hears of it as a WORKER_STOPPED error.
   */
  stop(opts?: { killAfterMs?: number }): Promise<void>;
  /**
   * Asks the request in flight to stop after its current epoch and answer with what it trained
   * (pruning); the worker stays warm. A no-op for a worker whose entry cannot hear it.
   */
  interrupt(): void;
  /**
   * Answers the request's `epochDone` number `seq` once its epoch events were handled; `ack.prune`
   * lists the request's members to prune there (a worker that shares flags with the host ignores it).
   */
  acknowledge(seq: number, ack: EpochAck): void;
  readonly alive: boolean;
}

/** What the host answers an `epochDone` with. */
export interface EpochAck {
  /** Indexes of the request's members (0 for a single run) whose prune was asked for. */
  prune: number[];
}

/** How long stop() waits after the polite request before killing outright. */
export const WORKER_KILL_AFTER_MS = 2_000;
