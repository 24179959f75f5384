import { DEFAULT_SEED } from '../defaultSeed.js';
import { RUN_PARAMS, type RunParam } from '../runFilter.js';
import { percentile } from '../search/quantile.js';
import { mulberry32 } from '../seededRandom.js';
import { type AnalysedRun, type ScoredRuns, type SelectionMetric, scoredRuns } from './scoredRuns.js';

export interface ImportanceOptions {
  /** The score to explain; default: the selection metric of core's bestRun rule. */
  metric?: SelectionMetric;
  /** Bootstrap resamples behind the interval of an estimate (default 200; 0 for none). */
  bootstrap?: number;
  /** Seed of the bootstrap resampling (default 42): same runs, same seed, same interval. */
  seed?: number;
  /** Most levels per parameter in an estimate; more distinct values are put in quantile bins (default 10). */
  maxLevels?: number;
}

/** One value of a parameter (a grid value, or a bin of sampled values from `min` to `max`). */
export interface ImportanceLevel {
  /** The grid value; for a bin, the median of the values in it. */
  value: number;
  min: number;
  max: number;
  /** Marginal mean score: over the grid cells with this value (exact), over the runs in it (estimate). */
  mean: number;
  /** Runs with this value. */
  count: number;
}

export interface ParameterShare {
  parameter: RunParam;
  /** Share of the score variance the parameter's main effect explains, in [0, 1]. */
  share: number;
  /** Estimates only: the 95% bootstrap percentile interval of `share`. */
  interval?: [number, number];
  levels: ImportanceLevel[];
}

export interface ParameterImportance
  extends Pick<ScoredRuns<AnalysedRun>, 'metric' | 'metricName' | 'excluded'> {
  /**
   * 'exact': the runs cover every combination of the values they take (a full grid): functional
   * ANOVA over the grid cells, exact. 'estimated': an incomplete grid or a random/TPE search.
   */
  method: 'exact' | 'estimated';
  /** Runs used (completed, not pruned, with the score). */
  runs: number;
  /** Mean and variance of the score: over the grid cells (exact), over the runs (estimate). */
  mean: number;
  variance: number;
  /** The parameters that vary, most important first. */
  parameters: ParameterShare[];
  /** Parameters with one value across the runs: they explain nothing. */
  constant: Array<{ parameter: RunParam; value: number }>;
  /**
   * Exact: the variance share of all interactions (1 − the main effects). Estimate: what the main
   * effects leave unexplained (interactions and run-to-run noise), at least 0.
   */
  interactions: number;
  interactionsInterval?: [number, number];
  /** Estimates with an interval: how it was resampled. */
  bootstrap?: { samples: number; seed: number; level: 0.95 };
  /** Why there is nothing to show (too few runs, mixed datasets). */
  problem?: string;
}

/** Grids above this many cells are treated as samples (a sweep holds at most 10,000 combinations). */
const MAX_EXACT_CELLS = 1_000_000;

/**
 * How much each hyperparameter matters for the score. On a full grid this is functional ANOVA
 * (fANOVA, as optuna-dashboard shows it) computed exactly: the mean score of each cell (replicates
 * averaged), each parameter's marginal mean per value, and its main-effect variance
 * mean_v (marginal(v) − grand mean)² as a share of the cells' variance; the remainder is the
 * interactions. Otherwise (a random/TPE search, an unfinished grid) each parameter's share is
 * estimated on the sampled runs as ε² (the between-level variance share of a one-way ANOVA,
 * corrected for the levels' degrees of freedom so an irrelevant parameter scores near 0), many
 * sampled values put in quantile bins, with a seeded 95% bootstrap interval. Failed, running and
 * pruned runs are left out and counted (`excluded`).
 *
 * @example parameterImportance(runs).parameters[0] // { parameter: 'learningRate', share: 0.71, levels: [...] }
 */
export function parameterImportance(
  runs: readonly AnalysedRun[],
  options: ImportanceOptions = {},
): ParameterImportance {
  const picked = scoredRuns(runs, options.metric);
  const base = {
    metric: picked.metric,
    metricName: picked.metricName,
    excluded: picked.excluded,
    runs: picked.scored.length,
    parameters: [],
    constant: [],
    mean: Number.NaN,
    variance: Number.NaN,
    interactions: 0,
  };
  if (picked.problem) return { ...base, method: 'estimated', problem: picked.problem };
  const scores = Float64Array.from(picked.scored, (s) => s.score);
  const n = scores.length;
  if (n < 2) return { ...base, method: 'estimated', problem: `Too few scored runs to compare: ${n}` };

  const varying: Array<{ parameter: RunParam; values: Float64Array; distinct: number[] }> = [];
  const constant: Array<{ parameter: RunParam; value: number }> = [];
  for (const parameter of RUN_PARAMS) {
    const values = Float64Array.from(picked.scored, (s) => s.run[parameter]);
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    if (distinct.length > 1) varying.push({ parameter, values, distinct });
    else constant.push({ parameter, value: distinct[0]! });
  }
  const cells = varying.reduce((product, p) => product * p.distinct.length, 1);
  const full = cells <= MAX_EXACT_CELLS && cells <= n && exactGrid(varying, scores, cells);
  if (full) return { ...base, constant, ...full };
  if (n < 4)
    return { ...base, constant, method: 'estimated', problem: `Too few runs to estimate: ${n} (at least 4)` };
  return { ...base, constant, ...estimate(varying, scores, options) };
}

type Varying = { parameter: RunParam; values: Float64Array; distinct: number[] };
type Decomposition = Pick<
  ParameterImportance,
  'method' | 'mean' | 'variance' | 'parameters' | 'interactions'
> &
  Partial<Pick<ParameterImportance, 'interactionsInterval' | 'bootstrap'>>;

/** fANOVA on a full grid, or null when a cell is empty. Cells are numbered in mixed radix over `varying`. */
function exactGrid(varying: Varying[], scores: Float64Array, cells: number): Decomposition | null {
  const n = scores.length;
  const sum = new Float64Array(cells);
  const count = new Uint32Array(cells);
  const levelOf = varying.map((p) => levelIndex(p.values, p.distinct));
  for (let r = 0; r < n; r++) {
    let cell = 0;
    for (let i = 0; i < varying.length; i++) cell = cell * varying[i]!.distinct.length + levelOf[i]![r]!;
    sum[cell]! += scores[r]!;
    count[cell]!++;
  }
  if (count.includes(0)) return null;
  const cellMean = sum.map((s, c) => s / count[c]!);
  const mean = cellMean.reduce((a, b) => a + b, 0) / cells;
  const variance = cellMean.reduce((a, m) => a + (m - mean) ** 2, 0) / cells;

  const parameters: ParameterShare[] = [];
  let stride = cells;
  for (let i = 0; i < varying.length; i++) {
    const p = varying[i]!;
    const levels = p.distinct.length;
    stride /= levels;
    const marginal = new Float64Array(levels);
    for (let c = 0; c < cells; c++) marginal[Math.floor(c / stride) % levels]! += cellMean[c]!;
    const runsAt = countLevels(levelOf[i]!, levels);
    const effect = marginal.reduce((a, s) => a + (s / (cells / levels) - mean) ** 2, 0) / levels;
    parameters.push({
      parameter: p.parameter,
      share: variance > 0 ? effect / variance : 0,
      levels: p.distinct.map((value, l) => ({
        value,
        min: value,
        max: value,
        mean: marginal[l]! / (cells / levels),
        count: runsAt[l]!,
      })),
    });
  }
  const explained = parameters.reduce((a, p) => a + p.share, 0);
  return {
    method: 'exact',
    mean,
    variance,
    parameters: byShare(parameters),
    interactions: variance > 0 ? Math.max(0, 1 - explained) : 0,
  };
}

/** ε² per parameter on the sampled runs, binned, with a seeded bootstrap interval. */
function estimate(varying: Varying[], scores: Float64Array, options: ImportanceOptions): Decomposition {
  const n = scores.length;
  const target = Math.min(options.maxLevels ?? 10, Math.max(2, Math.floor(n / 5)));
  const grouped = varying.map((p) => {
    const edges = p.distinct.length <= target ? p.distinct.slice(1) : quantileEdges(p.values, target);
    return { ...p, edges, level: levelIndex(p.values, [p.distinct[0]!, ...edges]), levels: edges.length + 1 };
  });
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const shares = grouped.map((g) => epsilonSquared(scores, g.level, g.levels, all));
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const variance = scores.reduce((a, s) => a + (s - mean) ** 2, 0) / n;

  const samples = options.bootstrap ?? 200;
  const seed = options.seed ?? DEFAULT_SEED;
  const resampled = grouped.map(() => new Array<number>(samples));
  const rest = new Array<number>(samples);
  const random = mulberry32(seed);
  const pick = new Uint32Array(n);
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < n; i++) pick[i] = Math.floor(random() * n);
    let explained = 0;
    grouped.forEach((g, i) => {
      const share = epsilonSquared(scores, g.level, g.levels, pick);
      resampled[i]![b] = share;
      explained += share;
    });
    rest[b] = Math.max(0, 1 - explained);
  }
  const interval = (values: number[]): [number, number] => [
    percentile(values, 2.5)!,
    percentile(values, 97.5)!,
  ];

  const parameters = grouped.map((g, i): ParameterShare => {
    const share: ParameterShare = { parameter: g.parameter, share: shares[i]!, levels: binLevels(g, scores) };
    if (samples > 0) share.interval = interval(resampled[i]!);
    return share;
  });
  const decomposition: Decomposition = {
    method: 'estimated',
    mean,
    variance,
    parameters: byShare(parameters),
    interactions: Math.max(0, 1 - shares.reduce((a, b) => a + b, 0)),
  };
  if (samples > 0) {
    decomposition.interactionsInterval = interval(rest);
    decomposition.bootstrap = { samples, seed, level: 0.95 };
  }
  return decomposition;
}

/**
 * ε² = 1 − (SS_within / (n − k)) / (SS_total / (n − 1)) of the runs `pick` (indexes, repeats
 * allowed) grouped by level, at least 0; 0 when fewer than two levels or no spread.
 */
function epsilonSquared(scores: Float64Array, level: Uint16Array, levels: number, pick: Uint32Array): number {
  const sum = new Float64Array(levels);
  const sumSq = new Float64Array(levels);
  const count = new Uint32Array(levels);
  let total = 0;
  let totalSq = 0;
  for (const r of pick) {
    const s = scores[r]!;
    const l = level[r]!;
    sum[l]! += s;
    sumSq[l]! += s * s;
    count[l]!++;
    total += s;
    totalSq += s * s;
  }
  const n = pick.length;
  const used = count.reduce((a, c) => a + (c > 0 ? 1 : 0), 0);
  const ssTotal = totalSq - (total * total) / n;
  if (used < 2 || n <= used || ssTotal <= 1e-15) return 0;
  let ssWithin = 0;
  for (let l = 0; l < levels; l++) if (count[l]! > 0) ssWithin += sumSq[l]! - (sum[l]! * sum[l]!) / count[l]!;
  return Math.min(1, Math.max(0, 1 - ssWithin / (n - used) / (ssTotal / (n - 1))));
}

/** Up to `bins − 1` cut values at the quantiles of `values` (equal values stay in one bin). */
function quantileEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges = new Set<number>();
  for (let b = 1; b < bins; b++) edges.add(sorted[Math.floor((b * sorted.length) / bins)]!);
  edges.delete(sorted[0]!);
  return [...edges].sort((a, b) => a - b);
}

/** Per value, the index of the last start in ascending `starts` at or below it (binary search). */
function levelIndex(values: Float64Array, starts: readonly number[]): Uint16Array {
  return Uint16Array.from(values, (v) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });
}

function countLevels(level: Uint16Array, levels: number): Uint32Array {
  const count = new Uint32Array(levels);
  for (const l of level) count[l]!++;
  return count;
}

/** Each level's runs: value (median), range, mean score and count. */
function binLevels(
  g: Varying & { level: Uint16Array; levels: number },
  scores: Float64Array,
): ImportanceLevel[] {
  const members = Array.from({ length: g.levels }, () => [] as number[]);
  g.level.forEach((l, r) => {
    members[l]!.push(r);
  });
  return members
    .filter((rows) => rows.length > 0)
    .map((rows) => {
      const values = rows.map((r) => g.values[r]!).sort((a, b) => a - b);
      return {
        value: percentile(values, 50)!,
        min: values[0]!,
        max: values.at(-1)!,
        mean: rows.reduce((a, r) => a + scores[r]!, 0) / rows.length,
        count: rows.length,
      };
    });
}

const byShare = (parameters: ParameterShare[]) =>
  parameters.sort(
    (a, b) => b.share - a.share || RUN_PARAMS.indexOf(a.parameter) - RUN_PARAMS.indexOf(b.parameter),
  );
