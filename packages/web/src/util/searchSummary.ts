import {
  type PrunerKind,
  plannedRunCount,
  type SearchPlan,
  type SearchStrategy,
  type SweepFields,
} from '@trainyard/core';

const STRATEGY_NAMES: Record<SearchStrategy, string> = { grid: 'Grid', random: 'Random', tpe: 'TPE' };
const PRUNER_NAMES: Record<PrunerKind, string> = { none: 'no', asha: 'ASHA', median: 'median' };

/** A sweep's search and selection options, as the form would send them or a stored sweep holds them. */
export type SearchSummaryFields = Partial<Record<keyof SweepFields, unknown>>;

/**
 * One line naming a sweep's search: strategy and budget, validation (split or folds), early
 * stopping, pruner, and an opt-out of fused training. Values are shown as given.
 *
 * @example searchSummary({ strategy: 'random', maxRuns: 6, validationSize: 0.2, pruner: 'asha' })
 * // 'Random (max 6 runs) · validation 0.2 · ASHA pruner'
 */
export function searchSummary(f: SearchSummaryFields): string {
  const strategy = (f.strategy as SearchStrategy | undefined) ?? 'grid';
  const budget = [
    f.maxRuns !== undefined ? `max ${f.maxRuns} runs` : '',
    f.maxMinutes !== undefined ? `max ${f.maxMinutes} min` : '',
  ].filter(Boolean);
  const parts = [
    `${STRATEGY_NAMES[strategy] ?? String(strategy)}${budget.length ? ` (${budget.join(', ')})` : ''}`,
  ];
  if (f.folds !== undefined) parts.push(`${f.folds}-fold`);
  if (f.validationSize !== undefined && f.validationSize !== 0) parts.push(`validation ${f.validationSize}`);
  if (f.folds === undefined && (f.validationSize === undefined || f.validationSize === 0)) {
    parts.push('no validation');
  }
  if (f.patience !== undefined) {
    parts.push(`patience ${f.patience}${f.minDelta !== undefined ? ` (min delta ${f.minDelta})` : ''}`);
  }
  const pruner = f.pruner as PrunerKind | undefined;
  if (pruner !== undefined && pruner !== 'none')
    parts.push(`${PRUNER_NAMES[pruner] ?? String(pruner)} pruner`);
  if (f.fused === false) parts.push('not fused');
  return parts.join(' · ');
}

/**
 * How many runs a valid search trains, in words: a grid's combinations, the random draws out of a
 * grid of lists, a budget of runs, or the time a search may take.
 *
 * @example runCountLabel({ strategy: 'random', gridSize: 24, budget: { maxRuns: 6 } }) // '6 of 24 combinations, drawn at random'
 */
export function runCountLabel(plan: Pick<SearchPlan, 'strategy' | 'gridSize' | 'budget'>): string {
  const runs = plannedRunCount(plan);
  const minutes = plan.budget.maxMinutes;
  const time = minutes === undefined ? '' : `${runs === null ? 'for up to' : ', at most'} ${minutes} min`;
  const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
  if (plan.strategy === 'grid') return count(runs ?? 0, 'combination');
  if (runs === null) return `${plan.strategy === 'tpe' ? 'TPE' : 'Random'} runs ${time}`;
  if (plan.strategy === 'tpe') return `Up to ${count(runs, 'TPE run')}${time}`;
  if (plan.gridSize !== null) {
    return `${runs.toLocaleString('en')} of ${count(plan.gridSize, 'combination')}, drawn at random${time}`;
  }
  return `${count(runs, 'random run')}${time}`;
}
