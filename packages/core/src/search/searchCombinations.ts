import type { TrainingCombination } from '../types.js';
import { randomCombinations, spaceGrid } from './randomSampler.js';
import type { SearchPlan } from './searchPlan.js';

/**
 * The combinations a grid or random search trains, fixed before the first run: DR-001's grid, or the
 * random sampler's first `maxRuns` suggestions (the whole grid, shuffled, without maxRuns). A sweep
 * stores them like a grid's and resumes by its missing indexes. null for TPE, whose suggestions
 * depend on the outcomes it is told (the ask-and-tell loop), and for a random search over ranges with
 * no maxRuns (only time ends it).
 *
 * @example fixedSearchCombinations({ ...plan, strategy: 'random', budget: { maxRuns: 9 } })?.length // 9
 */
export function fixedSearchCombinations(plan: SearchPlan): TrainingCombination[] | null {
  if (plan.strategy === 'grid') return spaceGrid(plan.space);
  if (plan.strategy === 'tpe') return null;
  const count = plan.budget.maxRuns ?? plan.gridSize;
  return count === null ? null : randomCombinations({ plan }, count);
}
