import { WORKER_EXITED, WORKER_STOPPED, type WorkerMessage } from './engineWorker.js';

/**
 * The half both transports share: fans the worker's messages out to listeners, keeps its `ready` info,
 * counts requests in flight (the host is held only while one is, so an idle warm worker never keeps a
 * script alive), and reports the worker's end as WORKER_STOPPED when stop() asked for it, else as
 * WORKER_EXITED.
 *
 * @example
 * const channel = new WorkerChannel('PyTorch trainer', (held) => (held ? child.ref() : child.unref()));
 */
export class WorkerChannel {
  readonly #listeners = new Set<(message: WorkerMessage) => void>();
  readonly #name: string;
  readonly #hold: (held: boolean) => void;
  #inFlight = 0;
  /** What the worker reported in its `ready` message. */
  readyInfo: Record<string, string | number | boolean> | undefined;
  /** Set by stop(), cleared by start(): the coming end was asked for. */
  stopping = false;

  constructor(name: string, hold: (held: boolean) => void) {
    this.#name = name;
    this.#hold = hold;
  }

  on(listener: (message: WorkerMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  ready(info: WorkerChannel['readyInfo']): void {
    this.readyInfo = info;
    this.#hold(this.#inFlight > 0);
  }

  sent(): void {
    this.#inFlight += 1;
    this.#hold(true);
  }

  /** A message after `ready`; a `result` or `error` answers one request. */
  receive(message: WorkerMessage): void {
    if (message.type === 'result' || message.type === 'error') {
      this.#inFlight = Math.max(0, this.#inFlight - 1);
      this.#hold(this.#inFlight > 0);
    }
    this.#emit(message);
  }

  /** The worker is gone after `ready`; `unexpected` is the user-safe text when nobody asked. */
  ended(unexpected: string, detail?: string): void {
    this.#inFlight = 0;
    this.#emit(
      this.stopping
        ? { type: 'error', code: WORKER_STOPPED, message: `${this.#name} was stopped` }
        : { type: 'error', code: WORKER_EXITED, message: unexpected, ...(detail ? { detail } : {}) },
    );
  }

  #emit(message: WorkerMessage): void {
    for (const listener of [...this.#listeners]) listener(message);
  }
}
