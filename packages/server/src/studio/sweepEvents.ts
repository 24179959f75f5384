import type { SweepEvent } from '@trainyard/core';

export type SweepListener = (event: SweepEvent) => void;

/** Fans a sweep's live events out to its subscribers; a listener that throws never stops the sweep. */
export class SweepEvents {
  readonly #listeners = new Map<string, Set<SweepListener>>();
  readonly #onListenerError: (err: unknown) => void;

  constructor(onListenerError: (err: unknown) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  subscribe(sweepId: string, listener: SweepListener): () => void {
    let set = this.#listeners.get(sweepId);
    if (!set) {
      set = new Set();
      this.#listeners.set(sweepId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(sweepId) === set) this.#listeners.delete(sweepId);
    };
  }

  emit(sweepId: string, event: SweepEvent): void {
    for (const listener of [...(this.#listeners.get(sweepId) ?? [])]) {
      try {
        listener(event);
      } catch (err) {
        this.#onListenerError(err);
      }
    }
    // `done` ends every stream of this sweep; a resumed sweep gets new subscribers.
    if (event.type === 'done') this.#listeners.delete(sweepId);
  }

  count(sweepId: string): number {
    return this.#listeners.get(sweepId)?.size ?? 0;
  }
}
