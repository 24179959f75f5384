// Distributed sweeps across real processes on one machine: a real redis-server, a real PostgreSQL
// (the shared store), the studio in distributed mode (the API server's side, in this process) and
// `trainyard worker`s as subprocesses (the built CLI), each with its own data directory like a
// separate machine, training with the real engines. Failure semantics from issue 12.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createStudio, type Studio } from '@trainyard/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type PostgresServer,
  startPostgresServer,
} from '../../packages/server/src/testing/postgresServer.js';
import { type RedisServer, startRedisServer } from '../../packages/server/src/testing/redisServer.js';
import { startWorkerProcess, type WorkerProcess } from './distributedHarness.js';
import { call, readSse, startServerProcess } from './serverHarness.js';

const LOCK_MS = 2000;
const STALLED_MS = 1000;

let redis: RedisServer;
let pgServer: PostgresServer;
let home: string;
let studio: Studio;
/** What every worker (and API server subprocess) of the current test is started with. */
let env: Record<string, string> = {};
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  pgServer = await startPostgresServer();
});
afterAll(async () => {
  await redis.close();
  await pgServer.close();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')));
  await studio?.close();
  rmSync(home, { recursive: true, force: true });
});

/** `lockMs`: short where a dead worker must be noticed fast; long where a loaded machine must not look dead. */
async function setup(workerCount: number, lockMs = LOCK_MS) {
  home = mkdtempSync(join(tmpdir(), 'trainyard-distributed-'));
  const databaseUrl = await pgServer.createDatabase();
  // The studio reads its store from the environment, as `trainyard serve` does.
  process.env.TRAINYARD_DATABASE_URL = databaseUrl;
  const opening = createStudio({
    home,
    concurrency: 1,
    onError: () => {},
    queue: {
      redisUrl: redis.url,
      lockMs,
      stalledMs: STALLED_MS,
      maxAttempts: 3,
      workerConcurrency: 1,
    },
  });
  delete process.env.TRAINYARD_DATABASE_URL;
  studio = await opening;
  env = {
    TRAINYARD_REDIS_URL: redis.url,
    TRAINYARD_DATABASE_URL: databaseUrl,
    TRAINYARD_LOCK_MS: String(lockMs),
    TRAINYARD_STALLED_MS: String(STALLED_MS),
    TRAINYARD_WORKER_CONCURRENCY: '1',
  };
  for (let i = 0; i < workerCount; i++) {
    workers.push(await startWorkerProcess({ ...env, TRAINYARD_HOME: join(home, `worker-${i}`) }));
  }
}

/** Long enough a run (seconds) that a worker can be killed in the middle of one. */
const sweep = (over: Record<string, unknown> = {}) => ({
  framework: 'pytorch' as const,
  datasetId: 'iris',
  epochValues: '300',
  batchSizes: '8',
  learningRates: '0.01, 0.02, 0.03, 0.04',
  testSizes: '0.2',
  hiddenDims: '16',
  numHiddenLayers: '1',
  dropouts: '0',
  ...over,
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A 4-combination sweep on 2 workers with `outage` once a combination runs; it must complete. */
async function sweepAcross(outage: () => Promise<void>) {
  await setup(2);
  const created = await studio.sweeps.create(sweep());
  await until('a running combination', async () =>
    (await studio.store.runs.runningOwners()).length > 0 ? true : undefined,
  );
  await outage();
  const done = await finished(created.id);
  expect(done.status).toBe('completed');
  return { done, rows: await studio.sweeps.runs(created.id) };
}

/** The sweep once it ended, within 240 s. */
function finished(id: string) {
  return Promise.race([
    studio.sweeps.whenDone(id),
    sleep(240_000).then(() => {
      throw new Error('the sweep did not finish within 240 s');
    }),
  ]);
}

/**
 * SIGKILLs the worker that holds the sweep's running rows once `count` of them run; resolves with
 * the rows it held.
 */
async function killTrainingWorker(sweepId: string, count = 1) {
  const victimPid = await until('a running combination', async () => {
    const running = (await studio.sweeps.runs(sweepId)).filter((r) => r.result === 'running');
    if (running.length < count) return undefined;
    const owners = (await studio.store.runs.runningOwners()).filter((o) => o !== null);
    return owners.map((o) => o.pid).find((pid) => workers.some((w) => w.pid === pid));
  });
  const runningBefore = (await studio.sweeps.runs(sweepId)).filter((r) => r.result === 'running');
  await workers.find((w) => w.pid === victimPid)!.stop('SIGKILL');
  return runningBefore;
}

describe('distributed sweeps with real workers', () => {
  it('a worker SIGKILLed mid-combination: retried on the other worker after its lock expires, its row closed as "worker lost", every combination done once', async () => {
    await setup(2);
    const created = await studio.sweeps.create(sweep());
    // Kill whichever worker holds a running row.
    const runningBefore = await killTrainingWorker(created.id);

    const done = await finished(created.id);
    expect(done.status).toBe('completed');
    const rows = await studio.sweeps.runs(created.id);
    const completedPerIndex = [0, 1, 2, 3].map(
      (i) => rows.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
    );
    expect(completedPerIndex).toEqual([1, 1, 1, 1]);
    const lost = rows.filter((r) => r.error === 'worker lost');
    expect(lost.length).toBeGreaterThanOrEqual(1);
    expect(lost.every((r) => r.result === 'failed' && r.stopReason === 'interrupted')).toBe(true);
    const killedIds = new Set(runningBefore.map((r) => r.id));
    expect(lost.some((r) => killedIds.has(r.id))).toBe(true);
    expect(rows.filter((r) => r.result === 'running')).toEqual([]);
    expect(done.done).toBe(4);
  });

  it('a worker SIGKILLed mid fused group job: the other worker trains the group again, each member closed as "worker lost" once and counted once', async () => {
    await setup(2);
    // One slot: the four learning rates are one fused group, one job (issue 16).
    const created = await studio.sweeps.create(sweep({ concurrency: 1 }));
    const killed = await killTrainingWorker(created.id, 4);
    expect(killed.map((r) => r.combinationIndex)).toEqual([0, 1, 2, 3]);

    const done = await finished(created.id);
    expect(done).toMatchObject({ status: 'completed', done: 4, interrupted: 0 });
    const rows = await studio.sweeps.runs(created.id);
    const lost = rows.filter((r) => r.result !== 'completed');
    expect(lost.map((r) => r.id).sort()).toEqual(killed.map((r) => r.id).sort());
    expect(lost.every((r) => r.error === 'worker lost' && r.stopReason === 'interrupted')).toBe(true);
    const completed = rows.filter((r) => r.result === 'completed');
    expect(completed.map((r) => r.combinationIndex).sort()).toEqual([0, 1, 2, 3]);
    // Trained together again on the survivor: the four rows started before any ended.
    const lastStart = Math.max(...completed.map((r) => Date.parse(r.createdAt)));
    expect(completed.every((r) => Date.parse(r.finishedAt!) >= lastStart)).toBe(true);
  });

  it('Redis restarted mid-sweep: the sweep completes and counts every combination once', async () => {
    const { done, rows } = await sweepAcross(async () => {
      await redis.stop();
      await sleep(500);
      await redis.start();
    });
    for (const i of [0, 1, 2, 3]) {
      expect(
        rows.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(rows.filter((r) => r.result === 'running')).toEqual([]);
    expect(done.done).toBe(4);
  });

  it('PostgreSQL restarted mid-sweep: no process crashes and the sweep completes', async () => {
    const { done } = await sweepAcross(async () => {
      await pgServer.stop();
      await sleep(300);
      await pgServer.start();
    });
    expect(done.done).toBe(4);
    expect(workers.every((w) => w.child.exitCode === null && w.child.signalCode === null)).toBe(true);
  });

  it('the API server SIGKILLed mid-sweep: the workers keep training, a new API server follows the sweep and its SSE clients see it to the end', async () => {
    await setup(2);
    const apiEnv = { ...env, TRAINYARD_HOME: join(home, 'api'), TRAINYARD_TOKEN: '' };
    const first = await startServerProcess(apiEnv);
    // Long enough runs (batch 2: 30,000 steps, a few seconds each) that the sweep still trains once the
    // second server is up, however loaded the machine (it failed with 300 and later 500 epochs at batch 8
    // once the engine got faster: the sweep had ended; 500 is the most a sweep may ask).
    const created = await call<{ sweep: { id: string } }>(
      'POST',
      `${first.url}/api/sweeps`,
      sweep({ epochValues: '500', batchSizes: '2' }),
    );
    expect(created.status).toBe(201);
    const id = created.body.sweep.id;
    await readSse(`${first.url}/api/sweeps/${id}/events`, (e) => (e.event === 'epoch' ? 'stop' : undefined));
    await first.stop('SIGKILL');

    const second = await startServerProcess(apiEnv);
    try {
      const events = await readSse(`${second.url}/api/sweeps/${id}/events`);
      expect(events.at(-1)).toEqual({ event: 'done', data: { type: 'done', status: 'completed' } });
      expect(events.some((e) => e.event === 'epoch')).toBe(true);
      const view = await call<{ runs: Array<{ combinationIndex: number; result: string }> }>(
        'GET',
        `${second.url}/api/sweeps/${id}`,
      );
      const completedPerIndex = [0, 1, 2, 3].map(
        (i) => view.body.runs.filter((r) => r.combinationIndex === i && r.result === 'completed').length,
      );
      expect(completedPerIndex).toEqual([1, 1, 1, 1]);
    } finally {
      await second.stop();
    }
  });

  it('cancel from the API stops the combinations running on the workers within 2 s', async () => {
    await setup(2, 30_000);
    const created = await studio.sweeps.create(sweep({ epochValues: '500', batchSizes: '1' }));
    // Runs of a minute or more (batch 1), so none ends on its own around the cancel.
    // Both workers past their first epoch (the engines started), their progress reaching this process.
    const training = new Set<number>();
    studio.sweeps.subscribe(created.id, (e) => {
      if (e.type === 'epoch') training.add(e.combinationIndex);
    });
    await until('both workers training', async () => (training.size === 2 ? true : undefined));
    const t0 = Date.now();
    const cancelled = await studio.sweeps.cancel(created.id);
    const tookMs = Date.now() - t0;
    expect(cancelled.status).toBe('cancelled');
    expect(tookMs).toBeLessThan(2000);
    const rows = await studio.sweeps.runs(created.id);
    expect(rows.map((r) => [r.result, r.stopReason])).toEqual([
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
    ]);
    // The workers are free again: a new sweep runs at once.
    const next = await studio.sweeps.create(sweep({ epochValues: '5', learningRates: '0.01' }));
    expect((await studio.sweeps.whenDone(next.id)).status).toBe('completed');
  });
});
