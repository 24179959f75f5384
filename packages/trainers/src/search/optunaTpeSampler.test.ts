import { MlApiError, type SearchSpace, type TrainingCombination } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOptunaTpeSampler } from './optunaTpeSampler.js';

const list = (...values: number[]) => ({ kind: 'list' as const, values });

const SPACE: SearchSpace = {
  epochs: list(5, 10),
  batchSize: list(16),
  learningRate: { kind: 'range', low: 0.0001, high: 0.1, log: true, integer: false },
  testSize: list(0.2),
  hiddenDim: { kind: 'range', low: 16, high: 256, log: false, integer: true },
  numHiddenLayers: list(1, 2, 3),
  dropout: { kind: 'range', low: 0, high: 0.5, log: false, integer: false },
};

/** A smooth objective with its best at learningRate 0.01, hiddenDim 128, two layers. */
const objective = (c: TrainingCombination) =>
  1 -
  Math.abs(Math.log10(c.learningRate) + 2) / 3 -
  Math.abs(c.hiddenDim - 128) / 480 -
  (c.numHiddenLayers === 2 ? 0 : 0.1);

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function run(
  seed: number,
  trials: number,
  history: Parameters<typeof createOptunaTpeSampler>[0]['history'] = [],
) {
  const tpe = await createOptunaTpeSampler({
    plan: { space: SPACE, searchSeed: seed },
    history,
    startupTrials: 3,
  });
  closers.push(() => tpe.close());
  const asked: TrainingCombination[] = [];
  for (let i = 0; i < trials; i++) {
    const s = await tpe.ask();
    if (!s) break;
    asked.push(s.combination);
    await tpe.tell(s.number, { state: 'completed', value: objective(s.combination) });
  }
  return asked;
}

describe('createOptunaTpeSampler', () => {
  it('suggests values inside the space, the same for the same seed, and learns from what it is told', async () => {
    const [a, b] = await Promise.all([run(7, 12), run(7, 12)]);
    expect(a).toEqual(b);
    for (const c of a) {
      expect(c.batchSize).toBe(16);
      expect([5, 10]).toContain(c.epochs);
      expect(c.learningRate >= 0.0001 && c.learningRate <= 0.1).toBe(true);
      expect(Number.isInteger(c.hiddenDim) && c.hiddenDim >= 16 && c.hiddenDim <= 256).toBe(true);
    }
    // After 3 random trials TPE models the objective: its later picks beat the random start on average.
    const mean = (cs: TrainingCombination[]) => cs.reduce((s, c) => s + objective(c), 0) / cs.length;
    expect(mean(a.slice(6))).toBeGreaterThan(mean(a.slice(0, 3)));
  }, 60_000);

  it('replays the stored trials of a resumed sweep before asking, deterministically', async () => {
    const first = await run(3, 4);
    const states = ['completed', 'pruned', 'failed', 'completed'] as const;
    const history = first.map((combination, i) => ({
      combination,
      state: states[i]!,
      value: states[i] === 'failed' ? null : objective(combination),
      epoch: 2,
    }));
    const [x, y] = await Promise.all([run(3, 3, history), run(3, 3, history)]);
    expect(x).toEqual(y);
    // Without the replay the same seed would suggest the first run's opening trials again.
    expect(x).not.toEqual(first.slice(0, 3));
  }, 60_000);

  it('learns from pruned and failed trials too', async () => {
    const tpe = await createOptunaTpeSampler({ plan: { space: SPACE, searchSeed: 5 }, maxRuns: 9 });
    closers.push(() => tpe.close());
    const a = await tpe.ask();
    await tpe.tell(a!.number, { state: 'pruned', value: 0.2, epoch: 3 });
    const b = await tpe.ask();
    await tpe.tell(b!.number, { state: 'failed', value: null });
    expect((await tpe.ask())?.number).toBe(2);
  }, 60_000);

  it('is unavailable, as data, when the python cannot import optuna', async () => {
    const failed = createOptunaTpeSampler({
      plan: { space: SPACE, searchSeed: 1 },
      python: '/nonexistent/python3',
    });
    await expect(failed).rejects.toBeInstanceOf(MlApiError);
    await expect(failed).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: expect.stringContaining('/nonexistent/python3 cannot import optuna'),
    });
  });
});
