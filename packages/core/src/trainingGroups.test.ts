import { describe, expect, it } from 'vitest';
import { combination } from './testFixtures.js';
import { planTrainingTasks } from './trainingGroups.js';

const alone = { prefixes: false, maxGroupSize: 1, slots: 1 };

describe('planTrainingTasks (issue 11 prefixes, issue 16 fused groups)', () => {
  it('trains every combination on its own without prefixes or fusing', () => {
    const combos = [combination(10), combination(20), combination(10, { learningRate: 0.1 })];
    expect(planTrainingTasks(combos, alone)).toEqual([[[0]], [[1]], [[2]]]);
  });

  it('chains combinations that differ only in epochs, by increasing epochs, each count once per chain', () => {
    const combos = [
      combination(50),
      combination(10),
      combination(20),
      combination(10),
      combination(5, { dropout: 0.1 }),
    ];
    expect(planTrainingTasks(combos, { ...alone, prefixes: true })).toEqual([[[1, 2, 0]], [[3]], [[4]]]);
  });

  it('fuses chains of one split, batch size and depth, up to maxGroupSize, ordered by first position', () => {
    const lr = (l: number, o = {}) => combination(10, { learningRate: l, ...o });
    const combos = [lr(0.1), lr(0.2, { batchSize: 32 }), lr(0.3), lr(0.4), lr(0.5, { numHiddenLayers: 2 })];
    expect(planTrainingTasks(combos, { prefixes: true, maxGroupSize: 2, slots: 1 })).toEqual([
      [[0], [2]],
      [[1]],
      [[3]],
      [[4]],
    ]);
    const epochs = [
      combination(10),
      combination(20),
      combination(10, { hiddenDim: 8 }),
      combination(20, { hiddenDim: 8 }),
    ];
    expect(planTrainingTasks(epochs, { prefixes: true, maxGroupSize: 16, slots: 1 })).toEqual([
      [
        [0, 1],
        [2, 3],
      ],
    ]);
  });

  it('cuts a fusable set into one group per slot', () => {
    const combos = [0.1, 0.2, 0.3, 0.4, 0.5].map((l) => combination(10, { learningRate: l }));
    expect(planTrainingTasks(combos, { prefixes: true, maxGroupSize: 16, slots: 2 })).toEqual([
      [[0], [1], [2]],
      [[3], [4]],
    ]);
  });
});
