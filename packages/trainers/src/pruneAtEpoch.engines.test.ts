// A prune asked while the host handles epoch k's event ends the run at epoch k, not k + 1: the
// engines wait for the host after each epoch when a job can be pruned. Real engines, iris.
// TF workers run from dist/: build first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochEvent } from '@trainyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineGroupOutcome, EngineTrainResult, ModelParams } from './engine.js';
import { builtin, TEST_PARAMS } from './pytorch/testData.js';
import { ONE_SLOT_ENGINES } from './testing/engineCases.js';

const root = mkdtempSync(join(tmpdir(), 'trainyard-prune-'));
const freshDir = () => mkdtempSync(join(root, 'm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const params: ModelParams = { ...TEST_PARAMS, epochs: 9 };

/** A prune signal fired synchronously from onEpoch at `epoch` (as the sweep's pruner does). */
function pruneAt(epoch: number) {
  const controller = new AbortController();
  return {
    prune: controller.signal,
    onEpoch: (e: EpochEvent) => {
      if (e.epoch === epoch) controller.abort();
    },
  };
}

const resultOf = (outcome: EngineGroupOutcome | undefined): EngineTrainResult => {
  if (!outcome?.ok) throw outcome?.error ?? new Error('no outcome');
  return outcome.result;
};

describe.each(ONE_SLOT_ENGINES)('$name engine: pruning at the epoch it is asked', (c) => {
  const engine = c.create();
  afterAll(() => engine.close());

  it.each([1, 3, 8])('a single run pruned from onEpoch at epoch %i stops there', async (k) => {
    const data = await builtin('iris');
    const r = await engine.train({ data, params, modelDir: freshDir(), ...pruneAt(k) });
    expect(r).toMatchObject({ pruned: true, stopped_epoch: k, best_epoch: k });
    expect(r.history.map((e) => e.epoch)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
  });

  it('a group member pruned from onEpoch stops there; the others train on untouched', async () => {
    const data = await builtin('iris');
    const variants = [0.03, 0.01, 0.02].map((learningRate) => ({ ...params, learningRate }));
    const plain = await engine.trainGroup({
      data,
      members: variants.map((p) => ({ params: p, modelDir: freshDir() })),
    });
    const outcomes = await engine.trainGroup({
      data,
      members: variants.map((p, i) => ({
        params: p,
        modelDir: freshDir(),
        ...(i === 1 ? pruneAt(3) : { prune: new AbortController().signal }),
      })),
    });
    expect(resultOf(outcomes[1])).toMatchObject({ pruned: true, stopped_epoch: 3 });
    for (const i of [0, 2]) {
      const r = resultOf(outcomes[i]);
      expect(r.pruned).toBeFalsy();
      expect(r.stopped_epoch).toBe(9);
      expect(Math.abs(r.test_loss - resultOf(plain[i]).test_loss)).toBeLessThan(1e-5);
    }
  });

  it('a cancel while the engine waits for the host ends the run as CANCELLED, promptly', async () => {
    const data = await builtin('iris');
    const cancel = new AbortController();
    const started = performance.now();
    await expect(
      engine.train({
        data,
        params: { ...params, epochs: 500 },
        modelDir: freshDir(),
        prune: new AbortController().signal,
        signal: cancel.signal,
        onEpoch: (e) => {
          if (e.epoch === 2) cancel.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(10_000);
    // The slot trains again afterwards (a fresh worker).
    const next = await engine.train({ data, params, modelDir: freshDir(), ...pruneAt(2) });
    expect(next).toMatchObject({ pruned: true, stopped_epoch: 2 });
  });

  it('prints what waiting for the host costs per epoch (a prune signal that never fires)', async () => {
    const data = await builtin('iris');
    const long = { ...params, epochs: 60 };
    const timed = async (prune?: AbortSignal) => {
      const started = performance.now();
      await engine.train({ data, params: long, modelDir: freshDir(), ...(prune ? { prune } : {}) });
      return performance.now() - started;
    };
    await timed(); // warm
    const plain: number[] = [];
    const waiting: number[] = [];
    for (let i = 0; i < 3; i++) {
      plain.push(await timed());
      waiting.push(await timed(new AbortController().signal));
    }
    const perEpoch = (Math.min(...waiting) - Math.min(...plain)) / long.epochs;
    console.log(
      `${c.name}: iris, ${long.epochs} epochs: ${Math.min(...plain).toFixed(1)} ms plain, ` +
        `${Math.min(...waiting).toFixed(1)} ms with the per-epoch wait: ${perEpoch.toFixed(3)} ms per epoch`,
    );
    expect(Number.isFinite(perEpoch)).toBe(true);
  });
});
