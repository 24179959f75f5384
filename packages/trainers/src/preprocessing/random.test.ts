import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32, normal } from './random.js';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('gives roughly standard normal variates through normal()', () => {
    const rand = mulberry32(1);
    const xs = Array.from({ length: 20_000 }, () => normal(rand));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('mixSeed', () => {
  it('gives neighbouring rows unrelated seeds', () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => mixSeed(42, i)));
    expect(seeds.size).toBe(10_000);
    expect(mixSeed(42, 5)).toBe(mixSeed(42, 5));
    expect(mixSeed(42, 5)).not.toBe(mixSeed(43, 5));
  });
});
