import { setMaxListeners } from 'node:events';
import { MlApiError } from '@trainyard/core';
import type { EngineWorker } from './engineWorker.js';
import { type Slot, SlotPool } from './slotPool.js';

export interface WorkerPoolOptions<W> {
  /** Concurrent jobs, one warm worker each. */
  slots: number;
  /** A new, not yet started worker for the slot (a slot whose worker died or was stopped gets a new one). */
  create: (slot: Slot<W>) => W;
  /** User-safe text of the ENGINE_UNAVAILABLE error when a worker cannot start. */
  unavailable: string;
  /** User-safe text of the ENGINE_UNAVAILABLE error once close() was called. */
  closed: string;
  /** Why a worker could not start goes here (never to the user). */
  log: (message: string) => void;
}

/**
 * The slots of an engine, each keeping one worker warm, for both transports: jobs queue for a free
 * slot, run on its worker (started on first use, replaced after a crash or a stop), and see one signal
 * that aborts on the caller's signal or on close(). A worker that cannot start makes the job fail with
 * ENGINE_UNAVAILABLE; after close() every job does.
 *
 * @example
 * const pool = new WorkerPool({ slots: 2, create: () => new ThreadWorker(o), unavailable, closed, log });
 * await pool.run(signal, (worker, slot, signal) => requestOnWorker(worker, request, { id, signal, log }));
 */
export class WorkerPool<W extends EngineWorker<never>> {
  readonly #options: WorkerPoolOptions<W>;
  readonly #pool: SlotPool<W>;
  readonly #closing = new AbortController();

  constructor(options: WorkerPoolOptions<W>) {
    this.#options = options;
    this.#pool = new SlotPool<W>(options.slots);
    // Every queued and running job listens to it (and drops its listener when done): not a leak.
    setMaxListeners(0, this.#closing.signal);
  }

  get slots(): ReadonlyArray<Slot<W>> {
    return this.#pool.slots;
  }

  get closed(): boolean {
    return this.#closing.signal.aborted;
  }

  async run<T>(
    signal: AbortSignal | undefined,
    job: (worker: W, slot: Slot<W>, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const closing = this.#closing.signal;
    if (closing.aborted) throw new MlApiError('ENGINE_UNAVAILABLE', this.#options.closed);
    const combined = signal ? AbortSignal.any([signal, closing]) : closing;
    return this.#pool.run(combined, async (slot) => job(await this.#warm(slot), slot, combined));
  }

  /** Final: runs in flight end as CANCELLED, queued ones too, later ones are refused. */
  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.all(this.#pool.slots.map((slot) => slot.state?.stop()));
  }

  async #warm(slot: Slot<W>): Promise<W> {
    if (slot.state?.alive) return slot.state;
    const { create, unavailable, log } = this.#options;
    const worker = create(slot);
    slot.state = worker;
    try {
      await worker.start();
    } catch (err) {
      log(`${unavailable}: ${err instanceof Error ? err.message : String(err)}`);
      const detail = (err as { detail?: unknown } | undefined)?.detail;
      if (typeof detail === 'string' && detail) log(detail);
      throw new MlApiError('ENGINE_UNAVAILABLE', unavailable, { cause: err });
    }
    return worker;
  }
}
