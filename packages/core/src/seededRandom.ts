/**
 * Small seeded PRNGs. mulberry32 is a well-known 32-bit generator (Tommy Ettinger, public domain):
 * fast, tiny state and good enough for shuffles, splits, synthetic data and random search. Not for
 * cryptography. Lives in core so the trainers' splits and core's random search share one generator.
 */

/** A generator of floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: the same seed always yields the same sequence.
 * @example const rand = mulberry32(42); rand(); // 0.6011037519...
 */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a seed and an index into a new 32-bit seed (murmur3's finaliser), so row `i` of a synthetic
 * dataset gets its own independent stream without generating rows 0..i-1 first.
 */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
