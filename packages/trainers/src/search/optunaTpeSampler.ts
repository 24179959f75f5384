import { fileURLToPath } from 'node:url';
import {
  MlApiError,
  type Sampler,
  type SamplerOptions,
  type SearchSpace,
  type StoredTrial,
  type Suggestion,
  type TrainingCombination,
  type TrialOutcome,
} from '@trainyard/core';
import { DEFAULT_PYTHON, trainerEnv } from '../pytorch/trainerScript.js';
import { ProcessWorker } from '../workers/processWorker.js';
import { requestOnWorker } from '../workers/requestOnWorker.js';

/** Beside trainer.py, found the same way from src/ and dist/. */
export const TPE_SCRIPT = fileURLToPath(new URL('../../python/tpe_sampler.py', import.meta.url));

export interface OptunaTpeSamplerOptions extends SamplerOptions {
  /** Interpreter with optuna; default TRAINYARD_PYTHON, then /usr/bin/python3 (Debian's python3-optuna). */
  python?: string;
  /**
   * Random trials before TPE models anything (Optuna's n_startup_trials, default 10 there). Default
   * here: a third of maxRuns, between 2 and 10, so a small budget still gets modelled suggestions.
   */
  startupTrials?: number;
  maxRuns?: number;
  /** Where the sidecar's tracebacks and stderr go (never to the user). */
  log?: (message: string) => void;
}

/** The sidecar's request wire format (snake_case, as the python side reads it). */
type TpeRequest =
  | {
      id: string;
      kind: 'init';
      space: SearchSpace;
      seed: number;
      startup_trials: number;
      trials: Array<{
        params: TrainingCombination;
        state: StoredTrial['state'];
        value: number | null;
        epoch: number | null;
      }>;
    }
  | { id: string; kind: 'ask' }
  | {
      id: string;
      kind: 'tell';
      number: number;
      state: TrialOutcome['state'];
      value: number | null;
      epoch: number | null;
    };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export const defaultStartupTrials = (maxRuns?: number): number =>
  maxRuns === undefined ? 10 : Math.min(10, Math.max(2, Math.ceil(maxRuns / 3)));

export const tpeUnavailableMessage = (python: string): string =>
  `TPE search is not available: ${python} cannot import optuna. Install Debian's python3-optuna, ` +
  'or set TRAINYARD_PYTHON to a python with optuna.';

/**
 * TPE (Bergstra et al. 2011) as core's Sampler: Optuna's TPESampler through its ask-and-tell interface,
 * in a python subprocess (python/tpe_sampler.py). Lists become categorical distributions, ranges float
 * or int distributions (log where asked); a resumed sweep's stored trials are replayed into the study
 * before the first ask. Same seed and same stored trials → same suggestions. Rejects with
 * ENGINE_UNAVAILABLE when optuna cannot be imported.
 *
 * @example
 * const tpe = await createOptunaTpeSampler({ plan, history, maxRuns: 9 });
 * const s = await tpe.ask(); await tpe.tell(s!.number, { state: 'completed', value: 0.93 }); await tpe.close();
 */
export async function createOptunaTpeSampler(o: OptunaTpeSamplerOptions): Promise<Sampler> {
  const python = o.python ?? process.env.TRAINYARD_PYTHON ?? DEFAULT_PYTHON;
  const log = o.log ?? (() => {});
  const worker = new ProcessWorker<TpeRequest>({
    command: python,
    args: [TPE_SCRIPT],
    env: trainerEnv(1),
    name: 'TPE sampler',
  });
  try {
    await worker.start();
  } catch (err) {
    await worker.stop();
    log(err instanceof Error ? err.message : String(err));
    throw new MlApiError('ENGINE_UNAVAILABLE', tpeUnavailableMessage(python), { cause: err });
  }
  let nextId = 0;
  const request = (body: WithoutId<TpeRequest>): Promise<unknown> => {
    const id = `tpe-${nextId++}`;
    return requestOnWorker(worker, { ...body, id } as TpeRequest, {
      id,
      log,
      crashed: 'The TPE sampler stopped unexpectedly',
    });
  };
  try {
    await request({
      kind: 'init',
      space: o.plan.space,
      seed: o.plan.searchSeed,
      startup_trials: o.startupTrials ?? defaultStartupTrials(o.maxRuns),
      trials: (o.history ?? []).map((t) => ({
        params: t.combination,
        state: t.state,
        value: t.value,
        epoch: t.epoch ?? null,
      })),
    });
  } catch (err) {
    await worker.stop();
    throw err;
  }
  return {
    async ask(): Promise<Suggestion> {
      const { number, params } = (await request({ kind: 'ask' })) as {
        number: number;
        params: TrainingCombination;
      };
      return { number, combination: params };
    },
    async tell(number, outcome): Promise<void> {
      await request({
        kind: 'tell',
        number,
        state: outcome.state,
        value: outcome.value,
        epoch: outcome.epoch ?? null,
      });
    },
    close: () => worker.stop(),
  };
}
