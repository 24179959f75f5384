import { bestRun } from '../bestRun.js';
import { pickCombination } from '../runRows.js';
import type { StoredRun, SweepFields } from '../studioTypes.js';
import type { TrainingCombination } from '../types.js';
import type { AnalysedRun, SelectionMetric } from './scoredRuns.js';

/** What the export reads of a run: its combination, engine, mode and seed. */
export type ExportedRun = AnalysedRun &
  Pick<StoredRun, 'framework' | 'seed'> &
  Partial<Pick<StoredRun, 'mode'>>;

/** The sweep's selection fields: the best run was chosen with them, so its reproduction uses them too. */
export type ExportSelection = Partial<Pick<SweepFields, 'validationSize' | 'patience' | 'minDelta'>>;

/** The best run's configuration in the three forms a person copies. */
export interface BestConfig {
  runId: string;
  /** The score it was best by, and its value. */
  metric: SelectionMetric;
  metricName: string;
  score: number;
  combination: TrainingCombination;
  /** A body for `POST /api/sweeps`: a one-combination grid (SweepRequestSchema parses it). */
  apiBody: SweepFields;
  /** `npx trainyard sweep …` training the same combination with the same seed and selection. */
  cliCommand: string;
}

/**
 * The best run of `runs` (core's bestRun rule) as a one-combination sweep that trains it again:
 * same engine, dataset, hyperparameters, seed and selection fields (`selection`: the sweep's
 * validationSize, patience, minDelta; without them there is no validation split: validationSize 0,
 * said explicitly since a CLI sweep otherwise holds out 0.2). A search's best run comes
 * back as a plain grid of one. Null when no run completed or the runs mix datasets.
 *
 * @example bestConfigExport(runs, sweep.fields)?.cliCommand
 * // 'npx trainyard sweep --framework pytorch --dataset iris --epochs 20 … --seed 42 --validation-size 0.2'
 */
export function bestConfigExport(
  runs: readonly ExportedRun[],
  selection: ExportSelection = {},
): BestConfig | null {
  const { index, by } = bestRun(runs);
  const best = runs[index];
  if (!best) return null;
  const combination = pickCombination(best);
  const linear = best.framework === 'tensorflow' && best.mode === 'linear';
  const apiBody: SweepFields = {
    framework: best.framework,
    ...(best.framework === 'tensorflow' ? { mode: best.mode ?? 'mlp' } : {}),
    datasetId: best.datasetId,
    epochValues: String(combination.epochs),
    batchSizes: String(combination.batchSize),
    learningRates: String(combination.learningRate),
    testSizes: String(combination.testSize),
    hiddenDims: String(combination.hiddenDim),
    numHiddenLayers: String(combination.numHiddenLayers),
    dropouts: String(combination.dropout),
    seed: best.seed,
  };
  const validationSize = selection.validationSize ?? 0;
  // Always said, 0 included: a CLI sweep would otherwise hold out 0.2.
  apiBody.validationSize = validationSize;
  if (validationSize > 0 && selection.patience !== undefined) {
    apiBody.patience = selection.patience;
    if (selection.minDelta !== undefined) apiBody.minDelta = selection.minDelta;
  }
  const flags: Array<readonly [string, string | number | undefined]> = [
    ['--framework', best.framework],
    ['--dataset', best.datasetId],
    ['--epochs', combination.epochs],
    ['--batch-sizes', combination.batchSize],
    ['--learning-rates', combination.learningRate],
    ['--test-sizes', combination.testSize],
    ...(linear
      ? []
      : ([
          ['--hidden-dims', combination.hiddenDim],
          ['--hidden-layers', combination.numHiddenLayers],
          ['--dropouts', combination.dropout],
        ] as const)),
    ['--seed', best.seed],
    ['--validation-size', validationSize],
    ['--patience', apiBody.patience],
    ['--min-delta', apiBody.minDelta],
  ];
  const words = ['npx', 'trainyard', 'sweep', ...(linear ? ['--linear'] : [])];
  for (const [flag, value] of flags) if (value !== undefined) words.push(flag, String(value));
  return {
    runId: best.id,
    metric: by,
    metricName: best.metric_name,
    score: by === 'val_score' ? (best.val_score as number) : (best.metric_score as number),
    combination,
    apiBody,
    cliCommand: words.join(' '),
  };
}
