import { MlApiError } from './errors.js';

/**
 * Why a combination ended without metrics although it did not fail on its own: the user cancelled
 * the sweep, the process running it stopped (shutdown, crash), or a scheduler stopped it early
 * (pruning). A row without a stop reason that is `failed` failed on its own.
 */
export type StopReason = 'cancelled' | 'interrupted' | 'stopped';

/** The message of a run stopped by the caller's signal, whatever the backend said. */
export const CANCELLED_MESSAGE = 'Cancelled';

const STOP_MESSAGES: Record<StopReason, string> = {
  cancelled: CANCELLED_MESSAGE,
  interrupted: 'interrupted',
  stopped: 'Stopped early by the sweep scheduler',
};

/**
 * The abort reason sweep runners give their signals, so whoever sees the signal fire (the
 * orchestrator, the server's store) knows why (`stopOf`). A plain `abort()` reads as 'cancelled'.
 *
 * @example controller.abort(new RunStop('interrupted'));
 */
export class RunStop extends MlApiError {
  readonly reason: StopReason;

  constructor(reason: StopReason) {
    super('CANCELLED', STOP_MESSAGES[reason]);
    this.name = 'RunStop';
    this.reason = reason;
  }
}

/** Why `signal` fired (a plain `abort()` reads as 'cancelled'), or undefined while it has not. */
export function stopOf(signal: AbortSignal | undefined): RunStop | undefined {
  if (!signal?.aborted) return undefined;
  return signal.reason instanceof RunStop ? signal.reason : new RunStop('cancelled');
}

/**
 * One combination in flight, handed to `onRunStart`: its signal fires when the sweep stops or
 * when `stop()` is called. `stop()` ends this combination only: its row is failed with
 * `stopReason: 'stopped'` and the sweep goes on. `prune()` (a pruner: ASHA, the median rule) asks
 * the engine to stop after the current epoch and answer: the row is completed, `pruned: true`, with
 * the metrics of the epochs trained.
 */
export interface RunControl {
  readonly signal: AbortSignal;
  /** Fires on `prune()`; the orchestrator passes it to the training call as `CallOptions.prune`. */
  readonly pruneSignal: AbortSignal;
  stop(): void;
  prune(): void;
}

/**
 * A RunControl whose signal follows `parent` (with the parent's reason) until `dispose()`.
 *
 * @example const run = linkedRunControl(sweepSignal); try { await train(run.signal) } finally { run.dispose() }
 */
export function linkedRunControl(parent: AbortSignal | undefined): RunControl & { dispose(): void } {
  const own = new AbortController();
  const pruning = new AbortController();
  const follow = () => own.abort(parent?.reason);
  if (parent?.aborted) follow();
  else parent?.addEventListener('abort', follow, { once: true });
  return {
    signal: own.signal,
    pruneSignal: pruning.signal,
    stop: () => own.abort(new RunStop('stopped')),
    prune: () => pruning.abort(),
    dispose: () => parent?.removeEventListener('abort', follow),
  };
}

/** How a run ended, as every page and the CLI name it: a stopped run is not a failed one. */
export type RunOutcome = 'running' | 'completed' | 'failed' | StopReason;

/**
 * The run's outcome: its result, except that a failed run with a stop reason reads as that reason.
 *
 * @example runOutcome({ result: 'failed', stopReason: 'cancelled' }) // 'cancelled'
 */
export function runOutcome(run: {
  result: 'running' | 'completed' | 'failed';
  stopReason?: StopReason;
}): RunOutcome {
  return run.result === 'failed' && run.stopReason ? run.stopReason : run.result;
}

/**
 * A signal that fires once every one of `signals` has fired (with the last one's reason); undefined
 * when one of them is undefined (that run is never stopped, so neither is the whole).
 *
 * @example const group = allAborted(members.map((m) => m.signal));
 */
export function allAborted(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal | undefined {
  if (signals.length === 0 || signals.some((s) => s === undefined)) return undefined;
  if (signals.length === 1) return signals[0];
  const all = new AbortController();
  const check = (reason: unknown) => {
    if (signals.every((s) => s!.aborted)) all.abort(reason);
  };
  for (const s of signals as AbortSignal[]) {
    if (s.aborted) check(s.reason);
    else s.addEventListener('abort', () => check(s.reason), { once: true });
  }
  return all.signal;
}

/**
 * The signal a training with shared epoch prefixes runs under: it fires once the request's own
 * `signal` and every checkpoint run's have fired, so stopping one combination of a prefix chain
 * leaves the training to the others. Without checkpoints: `signal`.
 *
 * @example const signal = trainingSignal(callOptions); await engine.train({ ...job, signal });
 */
export function trainingSignal(call: {
  signal?: AbortSignal | undefined;
  checkpoints?: ReadonlyArray<{ signal?: AbortSignal | undefined }> | undefined;
}): AbortSignal | undefined {
  if (!call.checkpoints?.length) return call.signal;
  return allAborted([call.signal, ...call.checkpoints.map((c) => c.signal)]);
}
