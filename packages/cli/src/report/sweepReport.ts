import {
  type BestConfig,
  bestConfigExport,
  compareFrameworks,
  type FrameworkComparison,
  type ParameterImportance,
  type PredictionAgreement,
  parameterImportance,
  pickCombination,
  type SelectionMetric,
  type StoredRun,
  type SweepRecord,
  scoreLabel,
  sweepDisplayName,
  type TrainingCombination,
  topRuns,
} from '@trainyard/core';

/** One of the best runs, as `--json` prints it. */
export type ReportRun = TrainingCombination & {
  rank: number;
  runId: string;
  combinationIndex?: number;
  /** The selection score it is ranked by (`metric`). */
  score: number;
  metric_score: number;
  val_score?: number;
};

/**
 * What `trainyard sweep report <id> --json` prints (a stable shape; new fields may be added):
 * the sweep, the score it ranks by, the parameter importance, the top runs, the best configuration
 * (a CLI command, a POST /api/sweeps body, the combination) and the framework comparison.
 */
export interface SweepReport {
  sweep: Pick<SweepRecord, 'id' | 'status' | 'total' | 'done'> & {
    name: string;
    datasetId: string;
    framework: string;
    mode?: string;
    strategy: string;
  };
  /** 'val_score' or 'metric_score', its metric name ('accuracy', 'r2') and how the report names it. */
  metric: SelectionMetric;
  metricName: string;
  metricLabel: string;
  importance: ParameterImportance;
  topRuns: ReportRun[];
  best: BestConfig | null;
  /**
   * This sweep's runs against runs of the other engine on the same dataset with the same
   * combination and seed (test scores); null when there are none. `agreement` (with `--agreement`):
   * how the predictions of one pair (the one holding the best run, else the first) agree on the
   * dataset's rows.
   */
  frameworks: (FrameworkComparison & { agreement?: ReportAgreement }) | null;
}

/** Two paired runs' predictions compared (predictionAgreement), on which rows. */
export type ReportAgreement = PredictionAgreement & {
  pytorchRunId: string;
  tensorflowRunId: string;
  rowsScope: string;
};

export interface SweepReportInput {
  sweep: SweepRecord;
  runs: readonly StoredRun[];
  /** How many top runs to list. */
  top: number;
  /** Runs of the other engine on the sweep's dataset, for the framework comparison. */
  otherEngineRuns?: readonly StoredRun[];
}

/** The report of a sweep: every number comes from core's analysis, as the web shows it. */
export function buildSweepReport({ sweep, runs, top, otherEngineRuns = [] }: SweepReportInput): SweepReport {
  const importance = parameterImportance(runs);
  const ranked = topRuns(runs, top);
  // Only the other engine's runs come from outside the sweep, so every pair holds one of its runs.
  const comparison = compareFrameworks([
    ...runs,
    ...otherEngineRuns.filter((r) => r.framework !== sweep.fields.framework),
  ]).find((c) => c.datasetId === sweep.fields.datasetId);
  const header: SweepReport['sweep'] = {
    id: sweep.id,
    name: sweepDisplayName(sweep),
    status: sweep.status,
    total: sweep.total,
    done: sweep.done,
    datasetId: sweep.fields.datasetId,
    framework: sweep.fields.framework,
    strategy: sweep.fields.strategy ?? 'grid',
  };
  if (sweep.fields.mode) header.mode = sweep.fields.mode;
  return {
    sweep: header,
    metric: ranked.metric,
    metricName: ranked.metricName,
    metricLabel: scoreLabel(ranked.metric, ranked.metricName),
    importance,
    topRuns: ranked.scored.map(({ run, score }, i) => {
      const row: ReportRun = {
        rank: i + 1,
        runId: run.id,
        score,
        metric_score: run.metric_score as number,
        ...pickCombination(run),
      };
      if (run.combinationIndex !== undefined) row.combinationIndex = run.combinationIndex;
      if (typeof run.val_score === 'number') row.val_score = run.val_score;
      return row;
    }),
    best: bestConfigExport(runs, sweep.fields),
    frameworks: comparison ?? null,
  };
}
