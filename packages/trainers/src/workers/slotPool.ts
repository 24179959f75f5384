import { MlApiError } from '@trainyard/core';

/** One concurrent place to run a job; `state` is whatever the owner keeps warm there (a process). */
export interface Slot<S> {
  readonly index: number;
  state: S | undefined;
}

/**
 * A FIFO queue of jobs over a fixed set of slots. Jobs wait for a free slot; a job whose signal
 * aborts while it waits leaves the queue with MlApiError('CANCELLED').
 *
 * @example
 * const pool = new SlotPool<Worker>(2);
 * await pool.run(signal, async (slot) => train(slot));
 */
export class SlotPool<S> {
  readonly slots: ReadonlyArray<Slot<S>>;
  readonly #free: Array<Slot<S>>;
  readonly #waiting: Array<(slot: Slot<S>) => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`SlotPool size must be a positive integer, got ${size}`);
    this.slots = Array.from({ length: size }, (_, index) => ({ index, state: undefined }));
    this.#free = [...this.slots];
  }

  /** Jobs waiting for a slot (not counting running ones). */
  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(signal: AbortSignal | undefined, job: (slot: Slot<S>) => Promise<T>): Promise<T> {
    const slot = await this.#acquire(signal);
    try {
      return await job(slot);
    } finally {
      this.#release(slot);
    }
  }

  #acquire(signal: AbortSignal | undefined): Promise<Slot<S>> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const slot = this.#free.shift();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(grant);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(cancelled());
      };
      const grant = (granted: Slot<S>) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(granted);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  #release(slot: Slot<S>): void {
    const next = this.#waiting.shift();
    if (next) next(slot);
    else this.#free.push(slot);
  }
}

export function cancelled(): MlApiError {
  return new MlApiError('CANCELLED', 'Training cancelled');
}
