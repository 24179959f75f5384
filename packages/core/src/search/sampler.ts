import type { TrainingCombination } from '../types.js';

/** How a trial ended, as a sampler learns it: its validation value, unless it failed. */
export interface TrialOutcome {
  state: 'completed' | 'pruned' | 'failed';
  /** The selection metric (validation accuracy or r2; higher is better); null when failed. */
  value: number | null;
  /** The last epoch trained: where a pruned trial stopped (TPE ranks later stops above earlier ones). */
  epoch?: number;
}

/** A trial stored by an earlier session of the same sweep, replayed into a resumed sampler. */
export interface StoredTrial extends TrialOutcome {
  combination: TrainingCombination;
}

/** One suggestion: `number` ties the later tell() to it. */
export interface Suggestion {
  number: number;
  combination: TrainingCombination;
}

/**
 * The ask-and-tell interface every search strategy implements (grid, random in core; TPE in the
 * trainers over Optuna). The orchestrator asks for a combination when a slot frees and the budget
 * allows, and tells each outcome; a sampler never trains anything itself.
 *
 * @example
 * const sampler = createRandomSampler({ plan, history: storedTrials });
 * for (let s = await sampler.ask(); s; s = await sampler.ask()) await sampler.tell(s.number, await train(s.combination));
 */
export interface Sampler {
  /** The next combination to try, or null when the space has no untried one left. */
  ask(): Promise<Suggestion | null>;
  /** What the trial `number` came to; TPE learns from it, grid and random ignore it. */
  tell(number: number, outcome: TrialOutcome): Promise<void>;
  /** Frees what the sampler holds (the TPE process); asking afterwards is a programmer error. */
  close(): Promise<void>;
}

/** A stable key of a combination (sorted keys), so a resumed sampler knows what is already stored. */
export function combinationKey(c: TrainingCombination): string {
  return JSON.stringify(
    Object.keys(c)
      .sort()
      .map((k) => [k, c[k as keyof TrainingCombination]]),
  );
}
