import type { TrainingCombination } from '../types.js';
import { randomCombinations, spaceGrid } from './randomSampler.js';
import type { SearchPlan } from './searchPlan.js';

/**
 * Whether a search draws its combinations as it trains (a sweep appends each one it asks for) rather
 * than fixing them up front: TPE, whose suggestions depend on the outcomes it is told (the
 * ask-and-tell loop), and a random search over ranges with no maxRuns, which samples until its
 * maxMinutes are spent (at most TIMED_SEARCH_MAX_RUNS runs).
 *
 * @example drawsAsItGoes({ ...plan, strategy: 'random', gridSize: null, budget: { maxMinutes: 5 } }) // true
 */
export function drawsAsItGoes(plan: Pick<SearchPlan, 'strategy' | 'gridSize' | 'budget'>): boolean {
  if (plan.strategy === 'tpe') return true;
  return plan.strategy === 'random' && plan.gridSize === null && plan.budget.maxRuns === undefined;
}

/**
 * The combinations a grid or random search trains, fixed before the first run: DR-001's grid, or the
 * random sampler's first `maxRuns` suggestions (the whole grid, shuffled, without maxRuns). A sweep
 * stores them like a grid's and resumes by its missing indexes. null for a search that draws as it
 * goes (drawsAsItGoes).
 *
 * @example fixedSearchCombinations({ ...plan, strategy: 'random', budget: { maxRuns: 9 } })?.length // 9
 */
export function fixedSearchCombinations(plan: SearchPlan): TrainingCombination[] | null {
  if (plan.strategy === 'grid') return spaceGrid(plan.space);
  if (drawsAsItGoes(plan)) return null;
  const count = plan.budget.maxRuns ?? plan.gridSize;
  return count === null ? null : randomCombinations({ plan }, count);
}
