import { DEFAULT_SEED } from '../defaultSeed.js';
import { FIELD_RULES, SWEEP_LIST_FIELDS, type SweepListField } from '../fieldRules.js';
import { LINEAR_BASELINE_PARAMS, type LinearIgnoredParam } from '../linearBaseline.js';
import { sweepSizeProblem } from '../sweepCombinations.js';
import { ignoredSweepFields, type SweepGridInput, validateSweepGrid } from '../sweepGrid.js';
import type { TrainingCombination } from '../types.js';
import { type ParamDomain, parseParamDomain } from './paramRange.js';
import { SEARCH_FIELD_RULES } from './searchFieldRules.js';

export const SEARCH_STRATEGIES = ['grid', 'random', 'tpe'] as const;
export type SearchStrategy = (typeof SEARCH_STRATEGIES)[number];

export const PRUNER_KINDS = ['none', 'asha', 'median'] as const;
export type PrunerKind = (typeof PRUNER_KINDS)[number];

/** The opt-in search fields of a sweep request; a request without them is a DR-001 grid, as ever. */
export interface SearchOptions {
  /** Default 'grid'. */
  strategy?: SearchStrategy;
  /** Random and TPE only: stop starting runs after this many (stored ones included). */
  maxRuns?: number;
  /** Random and TPE only: stop starting runs once this much wall-clock time went by. */
  maxMinutes?: number;
  /** Default 'none'. */
  pruner?: PrunerKind;
  /** Epochs before the first pruning decision (default 1). */
  gracePeriod?: number;
  /** ASHA's η (default 3). */
  reductionFactor?: number;
  /** Seed of the random and TPE samplers; default the sweep's `seed`, so one seed reproduces both. */
  searchSeed?: number;
  /** With a pruner: keep the models of pruned runs too (default false: their rows stay, models go). */
  keepPrunedModels?: boolean;
}

/** Every sweep field's domain, keyed like a combination. */
export type SearchSpace = { [K in keyof TrainingCombination]: ParamDomain };

export interface PrunerConfig {
  kind: 'asha' | 'median';
  gracePeriod: number;
  reductionFactor: number;
}

/** A validated search: what to sample, how much of it, and when to stop a run early. */
export interface SearchPlan {
  strategy: SearchStrategy;
  space: SearchSpace;
  /** Combinations of the space when every field is a list; null when one is a range. */
  gridSize: number | null;
  budget: { maxRuns?: number; maxMinutes?: number };
  pruner: PrunerConfig | null;
  searchSeed: number;
}

export type SearchPlanInput = SweepGridInput & SearchOptions & { seed?: number };

/** The request field a search problem is reported on. */
export type SearchPlanField = SweepListField | keyof SearchOptions;

export type SearchPlanResult =
  | { ok: true; plan: SearchPlan }
  | { ok: false; field?: SearchPlanField; error: string };

export const DEFAULT_GRACE_PERIOD = 1;
export const DEFAULT_REDUCTION_FACTOR = 3;

/** Beyond this a list-only space cannot be indexed exactly by a double. */
const MAX_INDEXED_GRID = Number.MAX_SAFE_INTEGER;

const fail = (field: SearchPlanField, error: string): SearchPlanResult => ({ ok: false, field, error });

/** The search fields that mean nothing with this strategy or pruner, with the message naming the value. */
function misplacedOption(input: SearchPlanInput): SearchPlanResult | null {
  const strategy = input.strategy ?? 'grid';
  const pruner = input.pruner ?? 'none';
  if (strategy === 'grid') {
    for (const field of ['maxRuns', 'maxMinutes', 'searchSeed'] as const) {
      const value = input[field];
      if (value !== undefined) {
        return fail(
          field,
          `${SEARCH_FIELD_RULES[field].label} applies only to strategy random or tpe: ${value}`,
        );
      }
    }
  }
  if (pruner === 'none' && input.gracePeriod !== undefined) {
    return fail('gracePeriod', `Grace period applies only with pruner asha or median: ${input.gracePeriod}`);
  }
  if (pruner === 'none' && input.keepPrunedModels !== undefined) {
    return fail(
      'keepPrunedModels',
      `Keep pruned models applies only with pruner asha or median: ${input.keepPrunedModels}`,
    );
  }
  if (pruner !== 'asha' && input.reductionFactor !== undefined) {
    return fail(
      'reductionFactor',
      `Reduction factor applies only with pruner asha: ${input.reductionFactor}`,
    );
  }
  return null;
}

/**
 * Validates a sweep's list fields and search options together and returns what to search. A grid
 * (the default) reads lists exactly as validateSweepGrid does and refuses ranges; random and TPE read
 * each field as a list or a range (`0.0001..0.1 log`, `16..256`). Reports the first problem: a search
 * option that does not apply, then the fields in form order, then a missing budget, then the size.
 *
 * @example validateSearchPlan({ ...fields, strategy: 'random', learningRates: '0.0001..0.1 log', maxRuns: 20 })
 * // { ok: true, plan: { strategy: 'random', space: { learningRate: { kind: 'range', low: 0.0001, high: 0.1, log: true, ... } }, ... } }
 * @example validateSearchPlan({ ...fields, learningRates: '0.0001..0.1 log' })
 * // { ok: false, field: 'learningRates', error: 'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.0001..0.1 log' }
 */
export function validateSearchPlan(input: SearchPlanInput): SearchPlanResult {
  const misplaced = misplacedOption(input);
  if (misplaced) return misplaced;
  const strategy = input.strategy ?? 'grid';
  const common = { pruner: prunerConfig(input), searchSeed: input.searchSeed ?? input.seed ?? DEFAULT_SEED };
  if (strategy === 'grid') {
    const checked = validateSweepGrid(input);
    if (!checked.ok) return checked;
    const space = Object.fromEntries(
      Object.entries(checked.dims).map(([key, values]) => [key, { kind: 'list', values }]),
    ) as SearchSpace;
    return { ok: true, plan: { strategy, space, gridSize: checked.count, budget: {}, ...common } };
  }
  const ignored = ignoredSweepFields(input);
  const space: Partial<Record<keyof TrainingCombination, ParamDomain>> = {};
  for (const [field, key] of Object.entries(SWEEP_LIST_FIELDS) as Array<
    [SweepListField, keyof TrainingCombination]
  >) {
    if (ignored.includes(field)) {
      space[key] = { kind: 'list', values: [LINEAR_BASELINE_PARAMS[key as LinearIgnoredParam]] };
      continue;
    }
    const parsed = parseParamDomain(input[field], FIELD_RULES[key]);
    if (!parsed.ok) return fail(field, parsed.error);
    space[key] = parsed.domain;
  }
  const full = space as SearchSpace;
  const budget = {
    ...(input.maxRuns !== undefined ? { maxRuns: input.maxRuns } : {}),
    ...(input.maxMinutes !== undefined ? { maxMinutes: input.maxMinutes } : {}),
  };
  const hasBudget = input.maxRuns !== undefined || input.maxMinutes !== undefined;
  const gridSize = Object.values(full).every((d) => d.kind === 'list')
    ? Object.values(full).reduce((n, d) => n * (d.kind === 'list' ? d.values.length : 1), 1)
    : null;
  if (strategy === 'tpe' && !hasBudget) {
    return fail('maxRuns', 'Strategy tpe needs a budget: set maxRuns or maxMinutes');
  }
  if (gridSize === null && !hasBudget) {
    return fail('maxRuns', 'Strategy random over ranges needs a budget: set maxRuns or maxMinutes');
  }
  if (gridSize !== null && input.maxRuns === undefined) {
    // Without maxRuns a random search trains the whole grid, shuffled: the grid's limit applies.
    const problem = sweepSizeProblem(gridSize);
    if (problem !== null) return { ok: false, error: problem };
  } else if (gridSize !== null && gridSize > MAX_INDEXED_GRID) {
    return {
      ok: false,
      error: `Sweep has ${gridSize} combinations, more than random search can index: use fewer values`,
    };
  }
  return { ok: true, plan: { strategy, space: full, gridSize, budget, ...common } };
}

/**
 * How many runs a plan trains: a grid's combinations, a search's maxRuns (never more than its grid of
 * lists), or null when only time (maxMinutes) bounds a search over ranges.
 *
 * @example plannedRunCount({ gridSize: 24, budget: { maxRuns: 6 } }) // 6
 * @example plannedRunCount({ gridSize: null, budget: { maxMinutes: 5 } }) // null
 */
export function plannedRunCount(plan: Pick<SearchPlan, 'gridSize' | 'budget'>): number | null {
  const { gridSize, budget } = plan;
  if (budget.maxRuns === undefined) return gridSize;
  return gridSize === null ? budget.maxRuns : Math.min(budget.maxRuns, gridSize);
}

function prunerConfig(input: SearchOptions): PrunerConfig | null {
  if (input.pruner === undefined || input.pruner === 'none') return null;
  return {
    kind: input.pruner,
    gracePeriod: input.gracePeriod ?? DEFAULT_GRACE_PERIOD,
    reductionFactor: input.reductionFactor ?? DEFAULT_REDUCTION_FACTOR,
  };
}
