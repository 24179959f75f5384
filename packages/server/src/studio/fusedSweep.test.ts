import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SweepEvent, SweepFields } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../store/createStore.js';
import { createFakeLocalApi, type FakeOptions, persistingOverFake } from '../testing/fakeLocalApi.js';
import { sweepBody } from '../testing/testApp.js';
import { createSweepService } from './sweepService.js';

// The fake engine (unit tests only) trains each member of a group as a separate run: these tests pin
// the scheduling and storing of groups; the real engines' equality is checked in fusedSweep.engines.test.ts.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(opts: Omit<FakeOptions, 'home'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-fused-'));
  const store = await createStore({ file: join(dir, 'trainyard.db') });
  const local = createFakeLocalApi({ groups: true, ...opts, home: dir });
  const api = persistingOverFake(local, store);
  const sweeps = createSweepService({
    store,
    api,
    defaultConcurrency: 1,
    datasetExists: async (id) => id === 'iris',
    epochThrottleMs: 0,
    pollMs: 5,
  });
  cleanups.push(async () => {
    const stopping = api.shutdown();
    await sweeps.close();
    await stopping;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { local, sweeps, store };
}

/** epochs 2,3 × learning rates 0.01, 0.1 × hidden dims 16, 32: 8 combinations, 4 chains of one fuse key. */
const grid = (over: Partial<SweepFields> = {}): SweepFields => ({
  ...sweepBody,
  epochValues: '2,3',
  batchSizes: '16',
  hiddenDims: '16,32',
  ...over,
});

describe('fused sweeps in the studio (issue 16) with shared epoch prefixes (issue 11)', () => {
  it('trains the grid as one group of four chains and stores one run per combination', async () => {
    const { local, sweeps } = await setup();
    const created = await sweeps.create(grid());
    const events: SweepEvent[] = [];
    sweeps.subscribe(created.id, (e) => events.push(e));
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', done: 8 });
    expect(local.groups).toHaveLength(1);
    expect(local.groups[0]!.map((r) => [r.epochs, r.epochCheckpoints])).toEqual(Array(4).fill([3, [2]]));
    expect(local.trained).toHaveLength(4);
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => r.combinationIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(runs.map((r) => [r.epochs, r.learningRate, r.hiddenDim])).toEqual(
      created.combinations.map((c) => [c.epochs, c.learningRate, c.hiddenDim]),
    );
    expect(runs.every((r) => r.result === 'completed')).toBe(true);
    expect(new Set(runs.map((r) => r.modelId)).size).toBe(8);
    const rows = events.flatMap((e) => (e.type === 'row' ? [e.row.combinationIndex] : []));
    expect(rows.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Every combination streams its own epochs, with its own run id and epoch count.
    for (const [i, c] of created.combinations.entries()) {
      const epochs = events.flatMap((e) => (e.type === 'epoch' && e.combinationIndex === i ? [e] : []));
      expect(epochs.at(-1)).toMatchObject({ epoch: c.epochs, epochs: c.epochs, runId: runs[i]!.id });
    }
  });

  it('trains every combination on its own with fused: false', async () => {
    const { local, sweeps } = await setup();
    const created = await sweeps.create(grid({ fused: false }));
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', done: 8 });
    expect(created.fields.fused).toBe(false);
    expect(local.groups).toHaveLength(0);
    expect(local.trained).toHaveLength(8);
    expect(local.trained.every((r) => r.epochCheckpoints === undefined)).toBe(true);
  });

  it('prunes members of a group one by one and shares no prefix under a pruner', async () => {
    const { local, sweeps } = await setup({
      valScore: (req, epoch) => (req.learningRate === 0.01 ? 0.8 : 0.4) + epoch / 100,
    });
    const created = await sweeps.create(grid({ epochValues: '3', validationSize: 0.2, pruner: 'asha' }));
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', done: 4 });
    expect(local.groups).toHaveLength(1);
    expect(local.groups[0]!.every((r) => r.epochCheckpoints === undefined)).toBe(true);
    const runs = await sweeps.runs(created.id);
    expect(runs.every((r) => r.result === 'completed')).toBe(true);
    expect(runs.filter((r) => r.learningRate === 0.01).every((r) => !r.pruned && r.stopped_epoch === 3)).toBe(
      true,
    );
    const pruned = runs.filter((r) => r.pruned);
    expect(pruned.length).toBeGreaterThan(0);
    expect(
      pruned.every((r) => r.learningRate === 0.1 && r.stopped_epoch! < 3 && r.modelId === undefined),
    ).toBe(true);
  });

  it("fails one member's row when its training fails, the rest of the group completes", async () => {
    const { sweeps } = await setup({
      failWhen: (r) => (r.learningRate === 0.1 && r.hiddenDim === 32 ? 'Loss became NaN' : undefined),
    });
    const created = await sweeps.create(grid({ epochValues: '3' }));
    await sweeps.whenDone(created.id);
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => (r.result === 'failed' ? r.error : r.result))).toEqual(
      created.combinations.map((c) =>
        c.learningRate === 0.1 && c.hiddenDim === 32 ? 'Loss became NaN' : 'completed',
      ),
    );
  });

  it('a cancel stops every member of the group in flight; resume retrains only those, fused again', async () => {
    const { local, sweeps } = await setup({ delayMs: 20 });
    // Two fuse keys (batch sizes), so two groups of two chains (epochs 2,3) each.
    const created = await sweeps.create(grid({ batchSizes: '16,32', hiddenDims: '16' }));
    await local.nextStart();
    await local.nextStart();
    expect((await sweeps.cancel(created.id)).status).toBe('cancelled');
    const before = await sweeps.runs(created.id);
    const byBatch = (runs: typeof before, batchSize: number) =>
      runs.filter((r) => r.batchSize === batchSize).map((r) => r.stopReason ?? r.result);
    expect(byBatch(before, 16)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(byBatch(before, 32)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);

    await sweeps.resume(created.id);
    expect((await sweeps.whenDone(created.id)).status).toBe('completed');
    expect(local.groups.map((g) => g.map((r) => [r.batchSize, r.epochCheckpoints]))).toEqual([
      [
        [16, [2]],
        [16, [2]],
      ],
      [
        [32, [2]],
        [32, [2]],
      ],
      [
        [32, [2]],
        [32, [2]],
      ],
    ]);
    const after = await sweeps.runs(created.id);
    const completedPerIndex = created.combinations.map(
      (_, i) => after.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
    );
    expect(completedPerIndex).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
