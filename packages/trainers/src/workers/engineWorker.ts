/**
 * One worker interface, one class per transport (STYLE.md §9): TF.js runs in worker threads,
 * PyTorch in a python subprocess; both speak the same tagged-union protocol with errors as data.
 */

/** Messages a worker sends back. `id` ties a message to the request that caused it. */
export type WorkerMessage =
  | { type: 'ready'; info?: Record<string, string | number | boolean> }
  | { type: 'epoch'; id: string; epoch: number; epochs: number; train_loss: number; test_loss: number }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id?: string; code: string; message: string; detail?: string; field?: string };

export interface EngineWorker<Req> {
  /** Spawns the thread/process and resolves once it reported `ready`. */
  start(): Promise<void>;
  send(request: Req): void;
  on(listener: (message: WorkerMessage) => void): () => void;
  /** Asks politely (SIGTERM / terminate), then kills after `killAfterMs`. Resolves once it is gone. */
  stop(opts?: { killAfterMs?: number }): Promise<void>;
  readonly alive: boolean;
}

/** How long stop() waits after the polite request before killing outright. */
export const WORKER_KILL_AFTER_MS = 2_000;
