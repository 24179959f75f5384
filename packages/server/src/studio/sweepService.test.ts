import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  randomCombinations,
  runPytorchTraining,
  type SweepEvent,
  type SweepFields,
  validateSearchPlan,
} from '@trainyard/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../store/createStore.js';
import { currentProcessOwner, type ProcessOwner } from '../store/processOwner.js';
import { createFakeLocalApi, type FakeOptions, persistingOverFake } from '../testing/fakeLocalApi.js';
import { sweepBody } from '../testing/testApp.js';
import type { OwnerCheck } from './interruptOrphans.js';
import { parseSweepFields } from './parseSweepFields.js';
import { createSweepService, type SweepService } from './sweepService.js';

/** Progress of a sweep whose every combination completed: no other count. */
const noOtherCounts = { failed: 0, cancelled: 0, interrupted: 0, stopped: 0 };

// A spy on the one scheduler, so tests can see the service calls it once per sweep (or resume).
vi.mock('@trainyard/core', async (original) =>
  (await import('@trainyard/core/testing')).withSpiedScheduler(
    await original<typeof import('@trainyard/core')>(),
    vi.fn,
  ),
);
const scheduler = vi.mocked(runPytorchTraining);

const fields = (over: Partial<SweepFields> = {}): SweepFields => ({ ...sweepBody, ...over });

let dir: string | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A sweep clock that each training run moves on by `ms` (the fake api calls failWhen once per run). */
function clockPerRun(ms: number) {
  let clock = 0;
  return {
    now: () => clock,
    failWhen: () => {
      clock += ms;
      return undefined;
    },
  };
}

/**
 * Stores sweep 's1' of `body` as an earlier session (or another process) left it: `attempt(i)` inserts
 * its run `r<i>` for combination i, created at `createdAt`; `complete(i, finishedAt)` completes it.
 */
async function storeSweepS1(
  store: Awaited<ReturnType<typeof createStore>>,
  body: SweepFields,
  status: 'running' | 'cancelled',
  createdAt: string,
) {
  const { fields: parsed, combinations } = parseSweepFields(body);
  await store.sweeps.insert({ id: 's1', status, fields: parsed, combinations, total: 4, createdAt });
  return {
    attempt: (index: number) =>
      store.runs.insert({
        id: `r${index}`,
        framework: 'pytorch',
        kind: 'train',
        datasetId: 'iris',
        seed: 42,
        combination: combinations[index]!,
        sweepId: 's1',
        combinationIndex: index,
        createdAt,
      }),
    complete: (index: number, finishedAt: string) =>
      store.runs.complete(`r${index}`, {
        metric_name: 'accuracy',
        metric_score: 0.9,
        train_loss: 0.3,
        test_loss: 0.35,
        modelId: `m${index}`,
        modelPath: `models/m${index}`,
        durationMs: Date.parse(finishedAt) - Date.parse(createdAt),
        history: [],
        finishedAt,
      }),
  };
}

/** Options of a second process opening the same home: who it is and whom it sees alive. */
type ProcessOptions = { owner?: ProcessOwner; isOwnerAlive?: OwnerCheck };

async function setup(
  opts: Omit<FakeOptions, 'home'> & { concurrency?: number; now?: () => number } & ProcessOptions = {},
) {
  dir ??= mkdtempSync(join(tmpdir(), 'trainyard-sweeps-'));
  const store = await createStore({
    file: join(dir, 'trainyard.db'),
    ...(opts.owner ? { owner: opts.owner } : {}),
  });
  const local = createFakeLocalApi({ ...opts, home: dir });
  const api = persistingOverFake(local, store);
  const sweeps: SweepService = createSweepService({
    store,
    api,
    defaultConcurrency: opts.concurrency ?? 2,
    datasetExists: async (id) => id === 'iris',
    epochThrottleMs: 0,
    pollMs: 5,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.isOwnerAlive ? { isOwnerAlive: opts.isOwnerAlive } : {}),
  });
  cleanups.push(async () => {
    const stopping = api.shutdown();
    await sweeps.close();
    await stopping;
    await store.close();
  });
  return { local, api, sweeps, store };
}

/** Validation scores under which learning rate 0.01 beats 0.1 at every epoch (what ASHA compares). */
const learningRate001Wins = (req: { learningRate: number }, epoch: number) =>
  (req.learningRate === 0.01 ? 0.8 : 0.4) + epoch / 100;

describe('sweep service', () => {
  it('trains every combination once and stores the rows in grid order', async () => {
    const { local, sweeps } = await setup();
    const created = await sweeps.create(fields());
    expect(created).toMatchObject({ status: 'running', total: 4, done: 0 });
    const done = await sweeps.whenDone(created.id);
    expect(done).toMatchObject({ status: 'completed', total: 4, done: 4 });
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => [r.combinationIndex, r.batchSize, r.learningRate])).toEqual([
      [0, 16, 0.01],
      [1, 16, 0.1],
      [2, 32, 0.01],
      [3, 32, 0.1],
    ]);
    expect(runs.every((r) => r.result === 'completed' && r.sweepId === created.id && r.seed === 42)).toBe(
      true,
    );
    expect(local.trained).toHaveLength(4);
  });

  it('runs no more combinations at once than the sweep concurrency', async () => {
    const { local, sweeps } = await setup({ delayMs: 10 });
    const created = await sweeps.create(fields({ concurrency: 3, epochValues: '1, 2', fused: false }));
    await sweeps.whenDone(created.id);
    expect(local.trained).toHaveLength(8);
    expect(local.maxRunning).toBe(3);
  });

  it('records a failed combination as a DR-003 row and goes on', async () => {
    const { sweeps } = await setup({
      failWhen: (r) => (r.learningRate === 0.1 ? 'Loss became NaN' : undefined),
    });
    const created = await sweeps.create(fields());
    expect((await sweeps.whenDone(created.id)).status).toBe('completed');
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => r.result)).toEqual(['completed', 'failed', 'completed', 'failed']);
    expect(runs[1]).toMatchObject({ metric_score: 'n/a', train_loss: 'n/a', error: 'Loss became NaN' });
  });

  it('streams progress, rows, epochs and done to a subscriber', async () => {
    const { sweeps } = await setup();
    const created = await sweeps.create(fields());
    const events: SweepEvent[] = [];
    sweeps.subscribe(created.id, (e) => events.push(e));
    await sweeps.whenDone(created.id);
    expect(events.filter((e) => e.type === 'row')).toHaveLength(4);
    expect(events.some((e) => e.type === 'epoch' && e.epochs === 2)).toBe(true);
    expect(events.filter((e) => e.type === 'progress').at(-1)).toEqual({
      ...noOtherCounts,
      type: 'progress',
      done: 4,
      total: 4,
    });
    expect(events.at(-1)).toEqual({ type: 'done', status: 'completed' });
  });

  it('replays progress and finished rows to a late follower, then ends with done', async () => {
    const { sweeps } = await setup();
    const created = await sweeps.create(fields());
    await sweeps.whenDone(created.id);
    const events: SweepEvent[] = [];
    await sweeps.follow(created.id, (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['progress', 'row', 'row', 'row', 'row', 'done']);
    expect(events[0]).toEqual({ ...noOtherCounts, type: 'progress', done: 4, total: 4 });
  });

  it('cancels running trainings, then resume trains only what has no completed row', async () => {
    const { local, sweeps } = await setup({ delayMs: 20, concurrency: 1 });
    const created = await sweeps.create(fields());
    // Let the first combination finish, then cancel during the second.
    await local.nextStart();
    await local.nextStart();
    const cancelled = await sweeps.cancel(created.id);
    expect(cancelled.status).toBe('cancelled');
    const before = await sweeps.runs(created.id);
    expect(before.map((r) => r.result)).toEqual(['completed', 'failed']);
    expect(before[1]?.error).toMatch(/cancel/i);

    const resumed = await sweeps.resume(created.id);
    expect(resumed.status).toBe('running');
    expect((await sweeps.whenDone(created.id)).status).toBe('completed');
    const after = await sweeps.runs(created.id);
    const completedPerIndex = [0, 1, 2, 3].map(
      (i) => after.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
    );
    expect(completedPerIndex).toEqual([1, 1, 1, 1]);
    expect(local.trained).toHaveLength(4);
    expect((await sweeps.get(created.id))?.done).toBe(4);
  });

  it('counts only completed combinations as done and names the cancelled ones (issue 10 item 13)', async () => {
    const { local, sweeps } = await setup({ delayMs: 20, concurrency: 1 });
    const created = await sweeps.create(fields());
    await local.nextStart();
    await local.nextStart();
    const cancelled = await sweeps.cancel(created.id);
    expect(cancelled).toMatchObject({
      total: 4,
      done: 1,
      failed: 0,
      cancelled: 1,
      interrupted: 0,
      stopped: 0,
    });
    expect((await sweeps.runs(created.id))[1]).toMatchObject({ result: 'failed', stopReason: 'cancelled' });

    // The resume is already training combination 1 again, so only `done` is settled here.
    expect(await sweeps.resume(created.id)).toMatchObject({ done: 1 });
    const events: SweepEvent[] = [];
    await sweeps.follow(created.id, (e) => events.push(e));
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', done: 4, cancelled: 0 });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.type === 'progress' && e.done)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)).toEqual({ ...noOtherCounts, type: 'progress', done: 4, total: 4 });
  });

  it('schedules the whole sweep, and then each resume, through one call of the core orchestrator', async () => {
    const { sweeps } = await setup({ delayMs: 100, concurrency: 1 });
    // (mockClear would also drop the spy's implementation in this Vitest: count from here instead.)
    const calls = () => scheduler.mock.calls.slice(before);
    const before = scheduler.mock.calls.length;
    const created = await sweeps.create(fields({ concurrency: 2 }));
    await vi.waitFor(() => expect(calls()).toHaveLength(1));
    expect(calls()[0]![0]).toMatchObject({
      indexes: [0, 1, 2, 3],
      concurrency: 2,
      sweepId: created.id,
    });
    await vi.waitFor(async () => expect((await sweeps.get(created.id))?.done).toBeGreaterThan(0));
    await sweeps.cancel(created.id);
    // Which combinations completed before the cancel depends on timing (two run at once); the resume
    // must schedule exactly the others, in grid order, in one call.
    const completed = new Set(
      (await sweeps.runs(created.id)).filter((r) => r.result === 'completed').map((r) => r.combinationIndex),
    );
    const missing = [0, 1, 2, 3].filter((i) => !completed.has(i));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length).toBeLessThan(4);
    await sweeps.resume(created.id);
    await sweeps.whenDone(created.id);
    expect(calls()).toHaveLength(2);
    const resumedWith = calls()[1]![0].indexes;
    expect(resumedWith).toEqual(missing);
  });

  it('refuses to cancel a sweep that is not running and to resume one that is', async () => {
    const { sweeps } = await setup({ delayMs: 20 });
    const created = await sweeps.create(fields());
    await expect(sweeps.resume(created.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await sweeps.whenDone(created.id);
    await expect(sweeps.cancel(created.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(sweeps.cancel('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('trains the seeded random search: its first maxRuns suggestions, stored like a grid', async () => {
    const { local, sweeps } = await setup();
    const body = fields({ strategy: 'random', maxRuns: 3, searchSeed: 5, learningRates: '0.001..0.1 log' });
    const created = await sweeps.create(body);
    expect(created).toMatchObject({ status: 'running', total: 3, fields: body });
    const plan = validateSearchPlan(body);
    expect(created.combinations).toEqual(plan.ok && randomCombinations({ plan: plan.plan }, 3));
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', total: 3, done: 3 });
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => r.learningRate)).toEqual(created.combinations.map((c) => c.learningRate));
    expect(local.trained).toHaveLength(3);
  });

  it('sends the sweep selection fields on every request and stores them with the sweep', async () => {
    const { local, sweeps } = await setup();
    const body = fields({ validationSize: 0.25, patience: 3, minDelta: 0.01 });
    const created = await sweeps.create(body);
    await sweeps.whenDone(created.id);
    expect((await sweeps.list())[0]?.fields).toMatchObject({
      validationSize: 0.25,
      patience: 3,
      minDelta: 0.01,
    });
    expect(local.trained).toHaveLength(4);
    for (const req of local.trained)
      expect(req).toMatchObject({ validationSize: 0.25, patience: 3, minDelta: 0.01 });
  });

  it('sends no selection field for a sweep that names none (no validation split, as before)', async () => {
    const { local, sweeps } = await setup();
    await sweeps.whenDone((await sweeps.create(fields())).id);
    for (const req of local.trained) {
      expect(req).not.toHaveProperty('validationSize');
      expect(req).not.toHaveProperty('patience');
    }
  });

  it('prunes the runs ASHA stops on their validation score: completed, pruned rows, never the best', async () => {
    const { sweeps, local } = await setup({
      concurrency: 1,
      valScore: learningRate001Wins,
    });
    const body = fields({ epochValues: '3', validationSize: 0.2, pruner: 'asha' });
    const created = await sweeps.create(body);
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', done: 4 });
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => [r.learningRate, r.result, r.pruned, r.stopped_epoch])).toEqual([
      [0.01, 'completed', false, 3],
      [0.1, 'completed', true, 1],
      [0.01, 'completed', false, 3],
      [0.1, 'completed', true, 1],
    ]);
    // Pruned runs keep their rows, not their models (the sweep did not ask for keepPrunedModels).
    expect(runs.map((r) => r.modelId !== undefined)).toEqual([true, false, true, false]);
    const models = await local.api.models.list();
    expect(models.map((m) => m.modelId).sort()).toEqual([runs[0]!.modelId, runs[2]!.modelId].sort());
  });

  it('keeps the models of pruned runs when the sweep asks for it', async () => {
    const { sweeps } = await setup({
      concurrency: 1,
      valScore: learningRate001Wins,
    });
    const body = fields({ epochValues: '3', validationSize: 0.2, pruner: 'asha', keepPrunedModels: true });
    const created = await sweeps.create(body);
    await sweeps.whenDone(created.id);
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => [r.pruned, r.modelId !== undefined])).toEqual([
      [false, true],
      [true, true],
      [false, true],
      [true, true],
    ]);
  });

  it('stops starting runs once maxMinutes is spent and ends completed, saying why', async () => {
    // Each run moves the clock 40 s: the budget is spent after the second run.
    const { sweeps } = await setup({ concurrency: 1, ...clockPerRun(40_000) });
    const created = await sweeps.create(fields({ strategy: 'random', maxMinutes: 1 }));
    expect(await sweeps.whenDone(created.id)).toMatchObject({
      status: 'completed',
      done: 2,
      total: 4,
      endReason: 'Budget spent: 1.33 minutes (maxMinutes 1)',
    });
    expect((await sweeps.list())[0]?.endReason).toBe('Budget spent: 1.33 minutes (maxMinutes 1)');
  });

  it('samples a random search over ranges until maxMinutes alone is spent, appending each suggestion', async () => {
    const { sweeps, store } = await setup({ concurrency: 1, ...clockPerRun(40_000) });
    const body = fields({
      strategy: 'random',
      maxMinutes: 2,
      learningRates: '0.001..0.1 log',
      searchSeed: 5,
    });
    const created = await sweeps.create(body);
    expect(created).toMatchObject({ total: 0, combinations: [] });
    // Runs start at 0, 40 and 80 s; at 120 s the budget is spent.
    expect(await sweeps.whenDone(created.id)).toMatchObject({
      status: 'completed',
      done: 3,
      total: 3,
      endReason: 'Budget spent: 2 minutes (maxMinutes 2)',
    });
    const plan = validateSearchPlan(body);
    if (!plan.ok) throw new Error(plan.error);
    // The seeded random sequence: what a resume draws again and skips.
    expect((await store.sweeps.get(created.id))?.combinations).toEqual(
      randomCombinations({ plan: plan.plan }, 3),
    );
  });

  it("counts the minutes a resumed search had already spent (its stored runs' spans)", async () => {
    const { sweeps, store } = await setup({ concurrency: 1, ...clockPerRun(40_000) });
    const at = '2026-01-01T00:00:00.000Z';
    const earlier = await storeSweepS1(store, fields({ strategy: 'random', maxMinutes: 1 }), 'cancelled', at);
    await earlier.attempt(0);
    await earlier.complete(0, '2026-01-01T00:00:50.000Z');
    await sweeps.resume('s1');
    // 50 s spent before: one more run (to 90 s), not the two a fresh clock would allow.
    expect(await sweeps.whenDone('s1')).toMatchObject({
      status: 'completed',
      done: 2,
      endReason: 'Budget spent: 1.5 minutes (maxMinutes 1)',
    });
  });

  it('says the budget of runs was spent when a random sweep trained its maxRuns', async () => {
    const { sweeps } = await setup();
    const created = await sweeps.create(fields({ strategy: 'random', maxRuns: 2 }));
    expect(await sweeps.whenDone(created.id)).toMatchObject({
      status: 'completed',
      endReason: 'Budget spent: 2 runs (maxRuns 2)',
    });
  });

  it('runs a tpe sweep by ask and tell: each suggestion stored as it is asked, told its validation score', async () => {
    const { sweeps, store } = await setup({
      valScore: (req) => 1 - Math.abs(Math.log10(req.learningRate) + 2) / 4,
    });
    const body = fields({
      strategy: 'tpe',
      maxRuns: 4,
      validationSize: 0.2,
      learningRates: '0.0001..0.1 log',
      batchSizes: '16',
    });
    const created = await sweeps.create(body);
    expect(created).toMatchObject({ total: 4, combinations: [] });
    const done = await sweeps.whenDone(created.id);
    expect(done).toMatchObject({
      status: 'completed',
      done: 4,
      total: 4,
      endReason: 'Budget spent: 4 runs (maxRuns 4)',
    });
    const rec = await store.sweeps.get(created.id);
    expect(rec?.combinations).toHaveLength(4);
    const runs = await sweeps.runs(created.id);
    expect(runs.map((r) => r.combinationIndex)).toEqual([0, 1, 2, 3]);
    expect(runs.map((r) => r.learningRate)).toEqual(rec?.combinations.map((c) => c.learningRate));
    for (const r of runs) expect(r.learningRate).toBeGreaterThanOrEqual(0.0001);
  }, 30_000);

  it('resumes a cancelled tpe sweep: replays its stored suggestions, retrains only the unfinished one', async () => {
    const { local, sweeps, store } = await setup({ delayMs: 20, concurrency: 1 });
    const body = fields({
      strategy: 'tpe',
      maxRuns: 4,
      validationSize: 0.2,
      learningRates: '0.0001..0.1 log',
      batchSizes: '16',
    });
    const created = await sweeps.create(body);
    await local.nextStart();
    await local.nextStart();
    await sweeps.cancel(created.id);
    const asked = (await store.sweeps.get(created.id))?.combinations ?? [];
    expect(asked).toHaveLength(2);

    await sweeps.resume(created.id);
    expect(await sweeps.whenDone(created.id)).toMatchObject({ status: 'completed', done: 4, total: 4 });
    const after = (await store.sweeps.get(created.id))?.combinations ?? [];
    expect(after.slice(0, 2)).toEqual(asked);
    expect(after).toHaveLength(4);
    const completed = (await sweeps.runs(created.id)).filter((r) => r.result === 'completed');
    expect(completed.map((r) => r.combinationIndex).sort()).toEqual([0, 1, 2, 3]);
    expect(local.trained).toHaveLength(4);
  }, 30_000);

  it('refuses a pruner without a validation split, naming the field and the value', async () => {
    const { sweeps } = await setup();
    await expect(sweeps.create(fields({ pruner: 'median' }))).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'pruner',
      message: 'Pruner median needs a validation split (validationSize above 0): median',
    });
  });

  it('refuses search options that do not fit, naming the field and the value', async () => {
    const { sweeps } = await setup();
    await expect(sweeps.create(fields({ strategy: 'tpe', maxRuns: 3 }))).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'strategy',
      message: 'Strategy tpe needs a validation split to learn from (validationSize above 0 or folds): tpe',
    });
    await expect(sweeps.create(fields({ learningRates: '0.001..0.1' }))).rejects.toMatchObject({
      field: 'learningRates',
      message:
        'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.001..0.1',
    });
    expect(await sweeps.list()).toEqual([]);
  });

  it('rejects bad fields with the validator message and the field name', async () => {
    const { sweeps } = await setup();
    await expect(sweeps.create(fields({ epochValues: '0,10' }))).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'epochValues',
      message: 'Epoch out of range (1-500): 0',
    });
    await expect(sweeps.create(fields({ datasetId: 'nope' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'datasetId',
    });
    expect(await sweeps.list()).toEqual([]);
  });

  it('leaves running sweeps interrupted when the studio closes', async () => {
    const { local, api, sweeps } = await setup({ delayMs: 50 });
    const created = await sweeps.create(fields());
    await local.nextStart();
    const stopping = api.shutdown();
    await sweeps.close();
    await stopping;
    expect((await sweeps.get(created.id))?.status).toBe('interrupted');
    const runs = await sweeps.runs(created.id);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.result === 'failed' && r.error === 'interrupted')).toBe(true);
  });
});

describe('sweeps on a home another process shares', () => {
  /** The server: this process, running sweeps. */
  const server = () => setup({ delayMs: 20, concurrency: 1 });
  /** The CLI opened on the same home: another owner, which sees `alive` owners as alive. */
  const cli = (alive: (owner: ProcessOwner) => boolean) =>
    setup({ owner: { ...currentProcessOwner(), pid: 4242, token: 'the cli' }, isOwnerAlive: alive });

  it('refuses to resume or cancel a sweep a live process runs, and leaves it running', async () => {
    const a = await server();
    const b = await cli(() => true);
    const created = await a.sweeps.create(fields());
    await a.local.nextStart();
    await expect(b.sweeps.resume(created.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Sweep "${created.id}" is still running in process ${process.pid}; resume it once that process has stopped`,
    });
    await expect(b.sweeps.cancel(created.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('cancel it on the server that runs it'),
    });
    expect((await a.sweeps.whenDone(created.id)).status).toBe('completed');
    const runs = await a.sweeps.runs(created.id);
    expect(runs.map((r) => r.result)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(b.local.trained).toHaveLength(0);
  });

  it('follows a sweep a live process runs by reading the store until it ends', async () => {
    const a = await server();
    const b = await cli(() => true);
    const created = await a.sweeps.create(fields());
    await a.local.nextStart();
    const events: SweepEvent[] = [];
    await b.sweeps.follow(created.id, (e) => events.push(e));
    expect((await b.sweeps.whenDone(created.id)).status).toBe('completed');
    await vi.waitFor(() => expect(events.at(-1)).toEqual({ type: 'done', status: 'completed' }));
    expect(events.filter((e) => e.type === 'row')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'progress').at(-1)).toEqual({
      ...noOtherCounts,
      type: 'progress',
      done: 4,
      total: 4,
    });
  });

  it('takes over a sweep whose process is gone: interrupted first, then resumed where it stopped', async () => {
    const gone = { ...currentProcessOwner(), token: 'a process that crashed' };
    const b = await cli((owner) => owner.token !== gone.token);
    // Another process that, after b had opened the home, started a sweep and died mid-way.
    const crashed = await createStore({ file: b.store.file, owner: gone });
    const left = await storeSweepS1(crashed, fields(), 'running', '2026-01-01');
    await left.attempt(0);
    await left.complete(0, '2026-01-01');
    await left.attempt(1);
    await crashed.close();

    await expect(b.sweeps.cancel('s1')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Sweep "s1" is not running (status interrupted)',
    });
    expect((await b.sweeps.resume('s1')).status).toBe('running');
    expect(await b.sweeps.whenDone('s1')).toMatchObject({ status: 'completed', done: 4 });
    const runs = await b.sweeps.runs('s1');
    expect(runs.map((r) => [r.combinationIndex, r.result, r.error])).toEqual([
      [0, 'completed', undefined],
      [1, 'failed', 'interrupted'],
      [1, 'completed', undefined],
      [2, 'completed', undefined],
      [3, 'completed', undefined],
    ]);
    expect(b.local.trained).toHaveLength(3);
  });
});
