import { cameFirst } from '../bestRun.js';
import { type AnalysedRun, type ScoredRuns, type SelectionMetric, scoredRuns } from './scoredRuns.js';

/**
 * The `count` best runs, best first, by the selection metric (core's bestRun rule, or `metric`);
 * ties broken like bestRun, so the first is bestRun's pick. Failed, running and pruned runs are
 * left out (`excluded` counts them).
 *
 * @example topRuns(runs, 5).scored.map((s) => s.run.id) // ['r3', 'r7', ...]
 */
export function topRuns<R extends AnalysedRun>(
  runs: readonly R[],
  count: number,
  metric?: SelectionMetric,
): ScoredRuns<R> {
  const picked = scoredRuns(runs, metric);
  const order = new Map(picked.scored.map((s, i) => [s, i]));
  const ranked = [...picked.scored].sort(
    (a, b) =>
      b.score - a.score ||
      (cameFirst(a.run, b.run) ? -1 : cameFirst(b.run, a.run) ? 1 : order.get(a)! - order.get(b)!),
  );
  return { ...picked, scored: ranked.slice(0, count) };
}
