import type { RunControl } from './runStop.js';
import type { EpochEvent, RunRow, TrainingCombination } from './types.js';

/**
 * Progress of a sweep as optional hooks the training loop awaits (the tfjs-layers callback idea).
 * `index` is the combination's position in the sweep.
 */
export interface ProgressHooks {
  /**
   * A combination starts; `run` lets a scheduler stop this one only (given while the orchestrator
   * runs it, absent when a hook is replayed from elsewhere).
   */
  onRunStart?(index: number, combination: TrainingCombination, run?: RunControl): void | Promise<void>;
  /** Called from inside the engine's epoch callback, so it is not awaited. */
  onEpochEnd?(index: number, event: EpochEvent): void;
  onRunEnd?(index: number, row: RunRow): void | Promise<void>;
}

export interface ProgressFanoutOptions {
  /** Epoch events of one run closer together than this are dropped (first and last always pass). Default 100. */
  epochThrottleMs?: number;
  /** Clock, injectable for tests. Default Date.now. */
  now?: () => number;
}

export interface ProgressFanout extends Required<ProgressHooks> {
  /** Adds a listener (UI, CLI bar, SSE client); returns its removal. */
  add(listener: ProgressHooks): () => void;
}

/**
 * One set of hooks that forwards to many listeners, throttling epoch events per run so a fast engine
 * cannot flood a browser or an SSE stream.
 *
 * @example
 * const fanout = createProgressFanout([cliBar], { epochThrottleMs: 200 });
 * const stop = fanout.add(sseClient);
 * await runPytorchTraining({ ...o, ...fanout });
 */
export function createProgressFanout(
  initial: readonly ProgressHooks[] = [],
  options: ProgressFanoutOptions = {},
): ProgressFanout {
  const throttleMs = options.epochThrottleMs ?? 100;
  const now = options.now ?? Date.now;
  const listeners = new Set<ProgressHooks>(initial);
  const lastEpochAt = new Map<number, number>();

  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async onRunStart(index, combination, run) {
      lastEpochAt.delete(index);
      await Promise.all([...listeners].map((l) => l.onRunStart?.(index, combination, run)));
    },
    onEpochEnd(index, event) {
      const t = now();
      const last = lastEpochAt.get(index);
      const isLast = event.epoch >= event.epochs;
      if (last !== undefined && t - last < throttleMs && !isLast) return;
      lastEpochAt.set(index, t);
      for (const l of [...listeners]) l.onEpochEnd?.(index, event);
    },
    async onRunEnd(index, row) {
      lastEpochAt.delete(index);
      await Promise.all([...listeners].map((l) => l.onRunEnd?.(index, row)));
    },
  };
}
