import { pickCombination } from '../runRows.js';
import { combinationKey } from '../search/sampler.js';
import type { StoredRun } from '../studioTypes.js';
import type { Framework, TrainingCombination } from '../types.js';
import { type AnalysedRun, scoredRuns } from './scoredRuns.js';

/** What the comparison reads of a run. */
export type ComparedRun = AnalysedRun &
  Pick<StoredRun, 'framework' | 'seed'> &
  Partial<Pick<StoredRun, 'mode' | 'modelId' | 'createdAt'>>;

/** One engine's run of a pair. */
export interface EngineRun {
  runId: string;
  score: number;
  modelId?: string;
}

/** The same combination, seed and split trained by both engines. */
export interface FrameworkPair {
  combination: TrainingCombination;
  seed: number;
  pytorch: EngineRun;
  tensorflow: EngineRun;
  /** tensorflow score − pytorch score. */
  difference: number;
}

/** Both engines on one dataset: the pairs and who wins how often. */
export interface FrameworkComparison {
  datasetId: string;
  metricName: string;
  pairs: FrameworkPair[];
  /** Mean of `difference` (tensorflow − pytorch); a tie is a difference below 1e-9. */
  meanDifference: number;
  pytorchWins: number;
  tensorflowWins: number;
  ties: number;
}

const TIE = 1e-9;

/**
 * PyTorch against TensorFlow on identical splits: per dataset, the completed runs of both engines
 * with the same combination and seed (and both with or both without a validation split) paired, and
 * their test scores (metric_score: the same test rows for both) compared. The TensorFlow linear
 * baseline is a different model and is left out; pruned and failed runs too. When an engine ran a
 * combination more than once the latest run counts. Datasets without a pair are not listed.
 *
 * @example compareFrameworks(runs)[0] // { datasetId: 'iris', pairs: [...], meanDifference: -0.01, pytorchWins: 3, tensorflowWins: 1, ties: 0 }
 */
export function compareFrameworks(runs: readonly ComparedRun[]): FrameworkComparison[] {
  const byDataset = new Map<string, ComparedRun[]>();
  for (const run of runs) {
    if (run.framework === 'tensorflow' && run.mode === 'linear') continue;
    byDataset.set(run.datasetId, [...(byDataset.get(run.datasetId) ?? []), run]);
  }
  const out: FrameworkComparison[] = [];
  for (const [datasetId, datasetRuns] of byDataset) {
    const { scored, metricName } = scoredRuns(datasetRuns, 'metric_score');
    const latest = new Map<string, { run: ComparedRun; score: number }>();
    for (const s of scored) {
      const key = JSON.stringify([
        s.run.framework,
        s.run.seed,
        typeof s.run.val_score === 'number',
        combinationKey(pickCombination(s.run)),
      ]);
      const seen = latest.get(key);
      if (!seen || (s.run.createdAt ?? '') >= (seen.run.createdAt ?? '')) latest.set(key, s);
    }
    const pairs: FrameworkPair[] = [];
    for (const [key, torch] of latest) {
      const [framework, ...rest] = JSON.parse(key) as [Framework, ...unknown[]];
      if (framework !== 'pytorch') continue;
      const tf = latest.get(JSON.stringify(['tensorflow', ...rest]));
      if (!tf) continue;
      pairs.push({
        combination: pickCombination(torch.run),
        seed: torch.run.seed,
        pytorch: engineRun(torch),
        tensorflow: engineRun(tf),
        difference: tf.score - torch.score,
      });
    }
    if (pairs.length === 0) continue;
    out.push({
      datasetId,
      metricName,
      pairs,
      meanDifference: pairs.reduce((a, p) => a + p.difference, 0) / pairs.length,
      pytorchWins: pairs.filter((p) => p.difference < -TIE).length,
      tensorflowWins: pairs.filter((p) => p.difference > TIE).length,
      ties: pairs.filter((p) => Math.abs(p.difference) <= TIE).length,
    });
  }
  return out;
}

function engineRun({ run, score }: { run: ComparedRun; score: number }): EngineRun {
  return run.modelId === undefined
    ? { runId: run.id, score }
    : { runId: run.id, score, modelId: run.modelId };
}
