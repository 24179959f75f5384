/** Helpers over core's seeded generator (mulberry32, mixSeed), which random search shares. */
import type { Random } from '@trainyard/core';

export { mixSeed, mulberry32, type Random } from '@trainyard/core';

/** A standard normal variate (Box–Muller); consumes two uniforms. */
export function normal(rand: Random): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, rand: Random): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
