import { RUN_PARAMS } from '../runFilter.js';
import type { StoredRun } from '../studioTypes.js';

/** What a compare table shows per run: the hyperparameters, then engine, dataset and seed. */
export const COMPARED_FIELDS = [...RUN_PARAMS, 'framework', 'mode', 'datasetId', 'seed'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/**
 * The fields whose values differ across a selection of runs, in COMPARED_FIELDS order: a compare
 * view shows these and hides the ones every run shares (mlflow#3763). A field a run lacks (no
 * `mode` on a PyTorch run) counts as its own value. Fewer than two runs differ in nothing.
 *
 * @example differingParameters([{ ...a, learningRate: 0.01 }, { ...a, learningRate: 0.1 }]) // ['learningRate']
 */
export function differingParameters(
  runs: ReadonlyArray<Partial<Pick<StoredRun, ComparedField>>>,
): ComparedField[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  return COMPARED_FIELDS.filter((field) => rest.some((run) => !Object.is(run[field], first[field])));
}
