/**
 * Distributed sweeps end to end in one process: a real redis-server, a studio in distributed mode
 * (the API server's side) and `startWorker`s over the fake engine, sharing one store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SweepEvent, SweepFields } from '@trainyard/core';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../studio/createStudio.js';
import { createFakeLocalApi, type FakeOptions } from '../testing/fakeLocalApi.js';
import { type RedisServer, startRedisServer } from '../testing/redisServer.js';
import { sweepBody } from '../testing/testApp.js';
import { COMBINATION_QUEUE, redisConnection } from './combinationJob.js';
import type { QueueConfig } from './queueConfig.js';
import { type RunningWorker, type StartWorkerOptions, startWorker } from './startWorker.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.close());

let home: string;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  // A fresh queue per test: job ids of one test's sweeps never meet another's.
  const flush = redisConnection(redis.url);
  await flush.flushall();
  flush.disconnect();
  rmSync(home, { recursive: true, force: true });
});

const config = (): QueueConfig => ({
  redisUrl: redis.url,
  lockMs: 2000,
  stalledMs: 1000,
  maxAttempts: 2,
  workerConcurrency: 2,
});

async function setup(
  fake: Omit<FakeOptions, 'home'> = {},
  workers = 1,
  workerOptions: Partial<StartWorkerOptions> = {},
) {
  home = mkdtempSync(join(tmpdir(), 'trainyard-queue-'));
  const studio: Studio = await createStudio({
    home,
    api: createFakeLocalApi({ home }).api,
    queue: config(),
    onError: () => {},
  });
  cleanups.push(() => studio.close());
  const fakes = [];
  const running: RunningWorker[] = [];
  for (let i = 0; i < workers; i++) {
    const local = createFakeLocalApi({ home, ...fake });
    fakes.push(local);
    const worker = await startWorker({
      ...config(),
      home,
      api: local.api,
      onError: () => {},
      ...workerOptions,
    });
    running.push(worker);
    cleanups.push(() => worker.drain());
  }
  return { studio, fakes, workers: running };
}

const openQueue = () => {
  const connection = redisConnection(redis.url);
  const queue = new Queue(COMBINATION_QUEUE, { connection });
  cleanups.push(async () => {
    await queue.close();
    connection.disconnect();
  });
  return queue;
};

/** The rows of a 4-combination sweep that trained each combination exactly once. */
const allCompleted = [0, 1, 2, 3].map((i) => [i, 'completed']);

const fields = (over: Partial<SweepFields> = {}): SweepFields => ({ ...sweepBody, ...over });

describe('a sweep in distributed mode', () => {
  it('trains every combination once on the workers, one job per combination, with its progress', async () => {
    const { studio, fakes } = await setup({ delayMs: 10 });
    const created = await studio.sweeps.create(fields());
    const events: SweepEvent[] = [];
    studio.sweeps.subscribe(created.id, (e) => events.push(e));
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');

    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => [r.combinationIndex, r.result])).toEqual(allCompleted);
    expect(fakes[0]?.trained).toHaveLength(4);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.length).toBeGreaterThanOrEqual(4);
    expect(epochs.every((e) => e.type === 'epoch' && rows.some((r) => r.id === e.runId))).toBe(true);
    expect(events.filter((e) => e.type === 'row')).toHaveLength(4);

    const queue = openQueue();
    const ids = (await queue.getJobs(['completed'])).map((j) => j.id).sort();
    expect(ids).toEqual([0, 1, 2, 3].map((i) => `${created.id}.0.${i}`));
  });

  it('trains combinations that differ only in epochs as one job (shared prefixes), a row per combination', async () => {
    const { studio, fakes } = await setup({ delayMs: 10 });
    const created = await studio.sweeps.create(fields({ epochValues: '2,3' }));
    const events: SweepEvent[] = [];
    studio.sweeps.subscribe(created.id, (e) => events.push(e));
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');

    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => [r.combinationIndex, r.result, r.epochs])).toEqual(
      created.combinations.map((c, i) => [i, 'completed', c.epochs]),
    );
    expect(fakes[0]?.trained.map((r) => [r.epochs, r.epochCheckpoints])).toEqual(Array(4).fill([3, [2]]));
    expect(events.filter((e) => e.type === 'row')).toHaveLength(8);
    // Every combination streams epochs under its own run id, the shorter ones included.
    for (const row of rows) expect(events.some((e) => e.type === 'epoch' && e.runId === row.id)).toBe(true);
    const leads = created.combinations.flatMap((c, i) => (c.epochs === 3 ? [`${created.id}.0.${i}`] : []));
    expect((await openQueue().getJobs(['completed'])).map((j) => j.id).sort()).toEqual(leads.sort());
  });

  it('a sweep that names its concurrency sends fused groups as one job each; a worker trains each as a group', async () => {
    const { studio, fakes } = await setup({ delayMs: 10, groups: true });
    // concurrency 1: one group per fuse key (batch size), each of two learning rates.
    const created = await studio.sweeps.create(fields({ concurrency: 1 }));
    const events: SweepEvent[] = [];
    studio.sweeps.subscribe(created.id, (e) => events.push(e));
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');

    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => [r.combinationIndex, r.result])).toEqual(allCompleted);
    expect(fakes[0]?.groups.map((g) => g.map((r) => r.batchSize))).toEqual([
      [16, 16],
      [32, 32],
    ]);
    for (const row of rows) expect(events.some((e) => e.type === 'epoch' && e.runId === row.id)).toBe(true);
    expect(await openQueue().getJobCounts('completed')).toMatchObject({ completed: 2 });
  });

  it('records a combination that fails to train as a failed row without retrying it', async () => {
    const { studio, fakes } = await setup({
      failWhen: (req) => (req.batchSize === 32 ? 'bad batch' : undefined),
    });
    const created = await studio.sweeps.create(fields());
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');
    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => r.result).sort()).toEqual(['completed', 'completed', 'failed', 'failed']);
    expect(rows.filter((r) => r.result === 'failed').every((r) => r.error === 'bad batch')).toBe(true);
    // Four rows, four trainings: the failures were results, not jobs BullMQ retries.
    expect(fakes[0]?.trained).toHaveLength(2);
  });

  it('cancel stops the running combinations on the workers within 2 s and drops the waiting ones; resume trains only the rest', async () => {
    const { studio, fakes } = await setup({ delayMs: 400 });
    const created = await studio.sweeps.create(fields());
    await fakes[0]?.nextStart();
    await fakes[0]?.nextStart();
    const t0 = Date.now();
    const cancelled = await studio.sweeps.cancel(created.id);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(cancelled.status).toBe('cancelled');
    const rows = await studio.sweeps.runs(created.id);
    // Two were running (the worker's 2 slots) and end cancelled; the two waiting never started.
    expect(rows.map((r) => [r.combinationIndex, r.result, r.stopReason])).toEqual([
      [0, 'failed', 'cancelled'],
      [1, 'failed', 'cancelled'],
    ]);

    expect((await studio.sweeps.resume(created.id)).status).toBe('running');
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');
    const after = await studio.sweeps.runs(created.id);
    const completedPerIndex = [0, 1, 2, 3].map(
      (i) => after.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
    );
    expect(completedPerIndex).toEqual([1, 1, 1, 1]);
    expect(fakes[0]?.trained).toHaveLength(4);
    // The resume's jobs are a new generation: the cancelled ones keep their ids and state.
    const queue = openQueue();
    const ids = (await queue.getJobs(['completed'])).map((j) => j.id).sort();
    expect(ids).toEqual(expect.arrayContaining([`${created.id}.1.0`, `${created.id}.1.1`]));
  });

  it('cancel stops every member of a fused group job on its worker; resume trains only the rest', async () => {
    const { studio, fakes } = await setup({ delayMs: 400, groups: true });
    const created = await studio.sweeps.create(fields({ concurrency: 1 }));
    await fakes[0]?.nextStart();
    expect((await studio.sweeps.cancel(created.id)).status).toBe('cancelled');
    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => [r.result, r.stopReason])).toEqual([
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
    ]);

    await studio.sweeps.resume(created.id);
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');
    const after = await studio.sweeps.runs(created.id);
    const completedPerIndex = [0, 1, 2, 3].map(
      (i) => after.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
    );
    expect(completedPerIndex).toEqual([1, 1, 1, 1]);
    expect(fakes[0]?.groups).toHaveLength(3);
  });

  it('a cancel whose message the worker missed still stops its running combinations, through the stop-key poll', async () => {
    // No subscription at all: the poll alone must see the stop keys the cancel wrote.
    const { studio, fakes } = await setup({ delayMs: 5000 }, 1, { cancelChannel: false, cancelPollMs: 100 });
    const created = await studio.sweeps.create(fields());
    await fakes[0]?.nextStart();
    await fakes[0]?.nextStart();
    const t0 = Date.now();
    expect((await studio.sweeps.cancel(created.id)).status).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(2000);
    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => [r.combinationIndex, r.result, r.stopReason])).toEqual([
      [0, 'failed', 'cancelled'],
      [1, 'failed', 'cancelled'],
    ]);
  });

  it('a sweep of more than 10 combinations in flight at once raises no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    cleanups.push(async () => void process.off('warning', onWarning));
    const { studio } = await setup({ delayMs: 10 });
    // 12 combinations, all enqueued at once: 12 runs follow the one sweep signal.
    const created = await studio.sweeps.create(
      fields({ learningRates: '0.01, 0.02, 0.03, 0.04, 0.05, 0.1' }),
    );
    expect((await studio.sweeps.whenDone(created.id)).status).toBe('completed');
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });

  it('an API server stopped mid-sweep: the workers keep training, the next one follows the sweep without adding its jobs twice', async () => {
    const { studio, fakes } = await setup({ delayMs: 300 });
    const created = await studio.sweeps.create(fields());
    await fakes[0]?.nextStart();
    await studio.close();

    const next = await createStudio({
      home,
      api: createFakeLocalApi({ home }).api,
      queue: config(),
      onError: () => {},
    });
    cleanups.push(() => next.close());
    expect(next.sweeps.isActive(created.id)).toBe(true);
    expect((await next.sweeps.whenDone(created.id)).status).toBe('completed');
    const rows = await next.sweeps.runs(created.id);
    expect(rows.map((r) => [r.combinationIndex, r.result])).toEqual(allCompleted);
    expect(fakes[0]?.trained).toHaveLength(4);
  });
});
