import { MlApiError } from './errors.js';

/**
 * Most combinations one sweep may have. Every combination trains a model, so above this a typo
 * (an extra value in every list) would queue days of work; the user is asked to narrow the grid.
 */
export const MAX_SWEEP_COMBINATIONS = 10_000;

export type SweepCombination<D extends Record<string, readonly unknown[]>> = { [K in keyof D]: D[K][number] };

/**
 * How many combinations `buildSweepCombinations(dims)` would produce, without building them or
 * throwing: UIs and the CLI check it against MAX_SWEEP_COMBINATIONS first.
 *
 * @example countSweepCombinations({ a: [1, 2], b: [3, 4, 5] }) // 6
 */
export function countSweepCombinations(dims: Record<string, readonly unknown[]>): number {
  return Object.values(dims).reduce((count, values) => count * values.length, 1);
}

/** The user-safe message for a grid over the limit, or null when it fits. */
export function sweepSizeProblem(count: number): string | null {
  if (count <= MAX_SWEEP_COMBINATIONS) return null;
  return `Sweep has ${count} combinations, more than the limit of ${MAX_SWEEP_COMBINATIONS}: use fewer values`;
}

/**
 * DR-001: the full Cartesian product in Python `itertools.product` order over the keys in insertion
 * order (the last key varies fastest). Throws MlApiError code VALIDATION above MAX_SWEEP_COMBINATIONS.
 *
 * @example buildSweepCombinations({ a: [1, 2], b: ['x', 'y'] })
 * // [{a:1,b:'x'}, {a:1,b:'y'}, {a:2,b:'x'}, {a:2,b:'y'}]
 */
export function buildSweepCombinations<D extends Record<string, readonly unknown[]>>(
  dims: D,
): Array<SweepCombination<D>> {
  const problem = sweepSizeProblem(countSweepCombinations(dims));
  if (problem !== null) throw new MlApiError('VALIDATION', problem);
  const keys = Object.keys(dims) as Array<keyof D & string>;
  let grid: Array<Record<string, unknown>> = [{}];
  // Extending every partial combination by the next key in turn yields the first key slowest.
  for (const key of keys) {
    const values = dims[key] ?? [];
    grid = grid.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
  }
  return grid as Array<SweepCombination<D>>;
}
