import { describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { DEFAULT_FUSED_GROUP_SIZE, fusedGroups, maxFusedGroupSize } from './fusedGroupSize.js';
import { blobs, TEST_PARAMS } from './testData.js';

const params: ModelParams = { ...TEST_PARAMS, hiddenDim: 32 };
const data = blobs();

describe('fused group sizes', () => {
  it('fuses small models up to the default and compute-bound ones one at a time', () => {
    expect(maxFusedGroupSize(data, params)).toBe(DEFAULT_FUSED_GROUP_SIZE);
    expect(maxFusedGroupSize(data, { ...params, hiddenDim: 512, batchSize: 64 })).toBe(1);
  });

  it('caps a group by the memory its evaluation takes', () => {
    const big = { ...data, nTest: 2_000_000 };
    expect(maxFusedGroupSize(big, { ...params, hiddenDim: 8 })).toBe(2);
  });

  it('groups fusable combinations, equal widths together, within the size', () => {
    const combos = [
      { ...params, hiddenDim: 64 },
      { ...params, hiddenDim: 8 },
      { ...params, batchSize: 32 },
      { ...params, hiddenDim: 64, learningRate: 0.1 },
      ...Array.from({ length: 17 }, () => ({ ...params, hiddenDim: 16 })),
    ];
    const groups = fusedGroups(data, combos);
    expect(groups.flat().toSorted((a, b) => a - b)).toEqual(combos.map((_, i) => i));
    expect(groups).toContainEqual([2]);
    for (const group of groups) {
      expect(group.length).toBeLessThanOrEqual(DEFAULT_FUSED_GROUP_SIZE);
      expect(new Set(group.map((i) => combos[i]!.batchSize)).size).toBe(1);
    }
    expect(groups.find((g) => g.includes(0))).toContain(3);
    // 17 of one width: two stacks of 9 and 8, not 16 and 1.
    const sixteens = groups.map((g) => g.filter((i) => combos[i]!.hiddenDim === 16).length).filter(Boolean);
    expect(sixteens.toSorted()).toEqual([8, 9]);
  });

  it('keeps 36 combinations of 4 widths to one stack per width', () => {
    const combos = [16, 32, 64, 128].flatMap((hiddenDim) =>
      Array.from({ length: 9 }, (_, k) => ({ ...params, hiddenDim, learningRate: 0.001 * (k + 1) })),
    );
    const stacks = fusedGroups(data, combos).flatMap((g) => [...new Set(g.map((i) => combos[i]!.hiddenDim))]);
    expect(stacks).toHaveLength(4);
  });
});
