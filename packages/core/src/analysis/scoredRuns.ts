import { bestRun, type RankedRow } from '../bestRun.js';
import type { TrainingCombination } from '../types.js';

/** What the analysis reads of a run: a stored run or an orchestrator's RunRow. */
export type AnalysedRun = RankedRow & TrainingCombination & { id: string };

/** The score an analysis ranks by: the validation score (honest selection) or the test score. */
export type SelectionMetric = 'val_score' | 'metric_score';

/** The runs an analysis keeps, each with its score, and how many it left out and why. */
export interface ScoredRuns<R extends AnalysedRun> {
  metric: SelectionMetric;
  /** 'accuracy' or 'r2' (the metric_name of the kept runs); '' when none is kept. */
  metricName: string;
  scored: Array<{ run: R; score: number }>;
  excluded: {
    /** Failed or stopped runs: they have no score. */
    failed: number;
    running: number;
    /** Pruned runs stopped before their last epoch: their score is not comparable (issue 11). */
    pruned: number;
    /** Completed runs without the chosen score (e.g. no val_score when `metric` asks for it). */
    unscored: number;
  };
  /** Set when the kept runs mix datasets or metrics: then nothing is kept. */
  problem?: string;
}

/**
 * The runs an analysis looks at and the score it uses. The score is the selection metric of core's
 * bestRun rule (val_score when every completed run has one, else metric_score) unless `metric`
 * says; failed and running runs have no score and pruned runs stopped early, so all three are left
 * out and counted. Runs of different datasets or metrics are not comparable: `problem` says so.
 *
 * @example scoredRuns(runs).scored[0] // { run, score: 0.97 }
 */
export function scoredRuns<R extends AnalysedRun>(
  runs: readonly R[],
  metric: SelectionMetric = bestRun(runs).by,
): ScoredRuns<R> {
  const excluded = { failed: 0, running: 0, pruned: 0, unscored: 0 };
  const scored: Array<{ run: R; score: number }> = [];
  for (const run of runs) {
    if (run.result === 'failed') excluded.failed++;
    else if (run.result === 'running') excluded.running++;
    else if (run.pruned) excluded.pruned++;
    else {
      const score = run[metric];
      if (typeof score === 'number' && Number.isFinite(score)) scored.push({ run, score });
      else excluded.unscored++;
    }
  }
  const metricName = scored[0]?.run.metric_name ?? '';
  const datasets = [...new Set(scored.map((s) => s.run.datasetId))];
  const metrics = [...new Set(scored.map((s) => s.run.metric_name))];
  if (datasets.length > 1 || metrics.length > 1) {
    const what = datasets.length > 1 ? `datasets: ${datasets.join(', ')}` : `metrics: ${metrics.join(', ')}`;
    return { metric, metricName, scored: [], excluded, problem: `The runs mix ${what}` };
  }
  return { metric, metricName, scored, excluded };
}
