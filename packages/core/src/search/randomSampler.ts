import { SWEEP_LIST_FIELDS } from '../fieldRules.js';
import { mulberry32, type Random } from '../seededRandom.js';
import { buildSweepCombinations } from '../sweepCombinations.js';
import type { TrainingCombination } from '../types.js';
import type { ParamDomain, ParamRange } from './paramRange.js';
import { combinationKey, type Sampler, type StoredTrial, type Suggestion } from './sampler.js';
import type { SearchPlan, SearchSpace } from './searchPlan.js';

export interface SamplerOptions {
  plan: Pick<SearchPlan, 'space' | 'searchSeed'>;
  /** Trials stored before a resume: never suggested again. */
  history?: readonly StoredTrial[];
}

/** Keys in form order, as the grid orders them (the last varies fastest). */
const KEYS = Object.values(SWEEP_LIST_FIELDS) as Array<keyof TrainingCombination>;

/** Redraws allowed for one suggestion of a space with ranges before it counts as exhausted. */
const MAX_REDRAWS = 1_000;

/** A uniform in [0, 1) with 53 bits, for indices into grids larger than 2^32. */
const uniform53 = (rand: Random): number => rand() + rand() / 4_294_967_296;

/**
 * One value of a range: uniform, or log-uniform; whole numbers as Optuna's IntDistribution samples them
 * (log: a log-uniform draw on [low−½, high+½], rounded).
 */
export function sampleRange(range: ParamRange, u: number): number {
  const { low, high, log, integer } = range;
  const clamp = (v: number) => Math.min(high, Math.max(low, v));
  if (integer) {
    if (!log) return clamp(low + Math.floor(u * (high - low + 1)));
    const a = Math.log(low - 0.5);
    return clamp(Math.round(Math.exp(a + u * (Math.log(high + 0.5) - a))));
  }
  if (!log) return clamp(low + u * (high - low));
  const a = Math.log(low);
  return clamp(Math.exp(a + u * (Math.log(high) - a)));
}

const sampleDomain = (d: ParamDomain, rand: Random): number =>
  d.kind === 'list' ? d.values[Math.floor(rand() * d.values.length)]! : sampleRange(d, rand());

/** The grid's `index`-th combination, in buildSweepCombinations order, without building the grid. */
function gridCombination(space: SearchSpace, index: number): TrainingCombination {
  const picked = new Map<keyof TrainingCombination, number>();
  let rest = index;
  for (const key of [...KEYS].reverse()) {
    const values = (space[key] as Extract<ParamDomain, { kind: 'list' }>).values;
    picked.set(key, values[rest % values.length]!);
    rest = Math.floor(rest / values.length);
  }
  return Object.fromEntries(KEYS.map((k) => [k, picked.get(k)])) as unknown as TrainingCombination;
}

/**
 * Random search (Bergstra & Bengio 2012) with a seeded generator: the same seed and space give the same
 * suggestions. A space of lists is the grid sampled without replacement (a lazy Fisher–Yates shuffle of
 * its indices: the whole grid, shuffled, when nothing stops it); a space with ranges draws every field
 * independently, skipping a combination already tried. Resuming regenerates the same sequence and skips
 * what `history` holds, so it continues where the first session stopped and retrains nothing stored.
 *
 * @example
 * const s = createRandomSampler({ plan: { space, searchSeed: 7 } });
 * (await s.ask())?.combination; // the same combination for every sampler seeded 7 over this space
 */
export function createRandomSampler(options: SamplerOptions): Sampler {
  const draw = randomDrawer(options);
  let number = 0;
  return {
    async ask(): Promise<Suggestion | null> {
      const combination = draw();
      return combination === null ? null : { number: number++, combination };
    },
    async tell(): Promise<void> {},
    async close(): Promise<void> {},
  };
}

/**
 * The first `count` suggestions of createRandomSampler (fewer when the space runs out), at once:
 * random suggestions never depend on outcomes, so a sweep can store them up front like a grid.
 *
 * @example randomCombinations({ plan: { space, searchSeed: 7 } }, 25) // the same 25 for every call
 */
export function randomCombinations(options: SamplerOptions, count: number): TrainingCombination[] {
  const draw = randomDrawer(options);
  const out: TrainingCombination[] = [];
  for (let c = out.length < count ? draw() : null; c !== null; c = out.length < count ? draw() : null) {
    out.push(c);
  }
  return out;
}

/** The random sequence as a synchronous drawer: the next untried combination, or null when none is left. */
function randomDrawer({ plan, history = [] }: SamplerOptions): () => TrainingCombination | null {
  const rand = mulberry32(plan.searchSeed);
  const tried = new Set(history.map((t) => combinationKey(t.combination)));
  const space = plan.space;
  const lists = KEYS.every((k) => space[k].kind === 'list');
  const size = lists
    ? KEYS.reduce((n, k) => n * (space[k] as Extract<ParamDomain, { kind: 'list' }>).values.length, 1)
    : Number.POSITIVE_INFINITY;
  // Sparse Fisher–Yates: position i of the shuffled indices is drawn on demand; swaps live in a map.
  const swapped = new Map<number, number>();
  let drawn = 0;

  const nextGridIndex = (): number | null => {
    if (drawn >= size) return null;
    const j = drawn + Math.floor(uniform53(rand) * (size - drawn));
    const picked = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(drawn) ?? drawn);
    drawn += 1;
    return picked;
  };

  const untried = (): TrainingCombination | null => {
    if (lists) {
      for (let index = nextGridIndex(); index !== null; index = nextGridIndex()) {
        const c = gridCombination(space, index);
        if (!tried.has(combinationKey(c))) return c;
      }
      return null;
    }
    for (let attempt = 0; attempt < MAX_REDRAWS; attempt++) {
      const c = Object.fromEntries(
        KEYS.map((k) => [k, sampleDomain(space[k], rand)]),
      ) as unknown as TrainingCombination;
      if (!tried.has(combinationKey(c))) return c;
    }
    return null;
  };

  return () => {
    const c = untried();
    if (c !== null) tried.add(combinationKey(c));
    return c;
  };
}

/**
 * DR-001's grid as a Sampler: every combination in buildSweepCombinations order, those in `history`
 * skipped. Lets the orchestrator drive every strategy through one interface.
 */
export function createGridSampler({
  plan,
  history = [],
}: Pick<SamplerOptions, 'history'> & { plan: Pick<SearchPlan, 'space'> }): Sampler {
  const tried = new Set(history.map((t) => combinationKey(t.combination)));
  const queue = spaceGrid(plan.space).filter((c) => !tried.has(combinationKey(c)));
  let number = 0;
  return {
    async ask() {
      const combination = queue.shift();
      return combination === undefined ? null : { number: number++, combination };
    },
    async tell() {},
    async close() {},
  };
}

/** DR-001's grid of a space of lists, in buildSweepCombinations order. */
export function spaceGrid(space: SearchSpace): TrainingCombination[] {
  const dims = Object.fromEntries(
    KEYS.map((k) => [k, (space[k] as Extract<ParamDomain, { kind: 'list' }>).values]),
  ) as { [K in keyof TrainingCombination]: number[] };
  return buildSweepCombinations(dims);
}
