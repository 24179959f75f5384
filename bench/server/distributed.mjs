#!/usr/bin/env node
// Distributed sweeps (issue 12), side by side in one run on this machine: a real redis-server, the
// studio in distributed mode (the API server's side, here) and `trainyard worker`s as subprocesses
// (bench/server/distributedWorker.mjs over the built server), all on one store. Measures
//   - per-combination overhead of a distributed sweep over the in-process one (1 slot each), tiny iris runs;
//   - 2 workers × 1 slot over 1 worker × 1 slot on the same 16-combination sweep;
//   - enqueue → start latency (BullMQ's job timestamps: added → taken by a worker), median and p95;
//   - worker → SSE progress lag: a worker's epoch progress (its `at`) to the studio's epoch event
//     (what the SSE stream forwards), median and p95, both clocks on this machine;
//   - recovery after a worker SIGKILL with the default lock settings (30 s / 30 s): from the kill to
//     its combination being taken by the other worker.
//
//   node bench/server/distributed.mjs [--repeats 2]   (build first: npm run build; needs redis-server)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { COMBINATION_QUEUE, createStudio } from '../../packages/server/dist/index.js';
import { median } from '../trainers/benchArgs.mjs';
import { irisGrid, runSweep } from './sweepBench.mjs';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '2' } } });
const repeats = Number(values.repeats);
const WORKER = fileURLToPath(new URL('./distributedWorker.mjs', import.meta.url));

const tiny = irisGrid('1,2');
const medium = irisGrid('10,20');

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'trainyard-bench-distributed-'));
const redisProc = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise((resolve, reject) => {
  let out = '';
  redisProc.once('error', (err) =>
    reject(new Error(`redis-server could not start (apt-get install redis-server): ${err.message}`)),
  );
  redisProc.stdout.on('data', (c) => {
    out += c;
    if (out.includes('Ready to accept connections')) resolve();
  });
});
const redisUrl = `redis://127.0.0.1:${port}`;
const queueConfig = { redisUrl, lockMs: 30_000, stalledMs: 30_000, maxAttempts: 3, workerConcurrency: 1 };
const children = [];

function startWorkers(home, n) {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = spawn(process.execPath, [WORKER], {
        env: {
          ...process.env,
          TRAINYARD_REDIS_URL: redisUrl,
          TRAINYARD_HOME: home,
          TRAINYARD_LOCK_MS: '30000',
          TRAINYARD_STALLED_MS: '30000',
          TRAINYARD_WORKER_CONCURRENCY: '1',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise((resolve) =>
        child.stdout.on('data', (c) => String(c).includes('worker ready') && resolve(child)),
      );
    }),
  );
}

async function setup(kind, workers) {
  const home = mkdtempSync(join(tmpdir(), `trainyard-bench-${kind}-`));
  const studio = await createStudio({
    home,
    concurrency: 1,
    onError: (err) => console.error(err),
    queue: kind === 'local' ? null : queueConfig,
  });
  const procs = kind === 'local' ? [] : await startWorkers(home, workers);
  // Warm every slot (a python process each, `import torch` once).
  await runSweep(studio, {
    ...tiny,
    epochValues: '1',
    batchSizes: '16',
    learningRates: '0.01',
    hiddenDims: workers === 1 ? '32' : '32,64',
  });
  return { studio, home, procs };
}

const n = (x, d = 2) => x.toFixed(d);
const local = await setup('local', 1);
const one = await setup('one', 1);
let two;
try {
  const localTiny = [];
  const oneTiny = [];
  const oneMedium = [];
  const sweepIds = [];
  for (let r = 0; r < repeats; r++) {
    localTiny.push(await runSweep(local.studio, tiny));
    const s = await runSweep(one.studio, tiny);
    oneTiny.push(s);
    sweepIds.push(s.id);
    oneMedium.push(await runSweep(one.studio, medium));
  }
  // Two workers on their own store; the first one's processes are stopped so the two share the CPU alone.
  for (const p of one.procs) p.kill('SIGTERM');
  two = await setup('two', 2);
  const twoMedium = [];
  // Worker → SSE lag over the two-worker sweeps: the worker's send time per (run, epoch), matched to
  // the studio's epoch event of the same run and epoch.
  const lagConn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const progressEvents = new QueueEvents(COMBINATION_QUEUE, { connection: lagConn });
  await progressEvents.waitUntilReady();
  const sentAt = new Map();
  const arrivedAt = new Map();
  progressEvents.on('progress', ({ data }) => {
    if (data?.epoch && data.at) sentAt.set(`${data.runId}/${data.epoch.epoch}`, data.at);
  });
  const unsubscribes = [];
  const { sweeps } = two.studio;
  const watched = {
    sweeps: {
      whenDone: (id) => sweeps.whenDone(id),
      runs: (id) => sweeps.runs(id),
      create: async (f) => {
        const created = await sweeps.create(f);
        unsubscribes.push(
          sweeps.subscribe(created.id, (e) => {
            if (e.type === 'epoch' && e.runId) arrivedAt.set(`${e.runId}/${e.epoch}`, Date.now());
          }),
        );
        return created;
      },
    },
  };
  for (let r = 0; r < repeats; r++) twoMedium.push(await runSweep(watched, medium));
  await new Promise((r) => setTimeout(r, 200)); // the last progress events
  for (const u of unsubscribes) u();
  await progressEvents.close();
  lagConn.disconnect();
  const lags = [...arrivedAt]
    .filter(([k]) => sentAt.has(k))
    .map(([k, t]) => t - sentAt.get(k))
    .sort((a, b) => a - b);

  // Recovery: both workers busy on a medium sweep, one is SIGKILLed; its combination waits for the
  // lock to expire and the survivor's stalled-job check, then is taken again.
  const recConn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const recQueue = new Queue(COMBINATION_QUEUE, { connection: recConn });
  const recSweep = await two.studio.sweeps.create(medium);
  let active = [];
  while (active.length < 2) {
    await new Promise((r) => setTimeout(r, 50));
    active = (await recQueue.getActive()).filter((j) => j.data.sweepId === recSweep.id);
  }
  const killedAt = Date.now();
  two.procs[0].kill('SIGKILL');
  let recoveryMs;
  while (recoveryMs === undefined) {
    await new Promise((r) => setTimeout(r, 200));
    for (const a of active) {
      const j = await recQueue.getJob(a.id);
      if (j?.processedOn && j.processedOn > killedAt) recoveryMs = j.processedOn - killedAt;
    }
    if (Date.now() - killedAt > 180_000)
      throw new Error("the killed worker's combination was not taken again in 3 min");
  }
  await two.studio.sweeps.whenDone(recSweep.id);
  await recQueue.close();
  recConn.disconnect();

  const conn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(COMBINATION_QUEUE, { connection: conn });
  const jobs = (await queue.getJobs(['completed'])).filter((j) => sweepIds.includes(j.data.sweepId));
  // Dispatch latency: from the moment a job could start (added, and a slot free) to a worker taking it.
  const finishes = jobs.map((j) => j.finishedOn).sort((a, b) => a - b);
  const latencies = jobs
    .map((j) => {
      const slotFree = finishes.filter((f) => f <= j.processedOn).at(-1) ?? 0;
      return j.processedOn - Math.max(j.timestamp, slotFree);
    })
    .sort((a, b) => a - b);
  await queue.close();
  conn.disconnect();

  const overhead = (median(oneTiny.map((s) => s.wallMs)) - median(localTiny.map((s) => s.wallMs))) / 16;
  const speedup = median(oneMedium.map((s) => s.wallMs)) / median(twoMedium.map((s) => s.wallMs));
  const pct95 = (xs) => xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
  const p95 = pct95(latencies);
  console.log(
    `distributed iris sweeps, 16 combinations, median of ${repeats}:\n` +
      `  overhead over in-process (1 slot each, epochs 1–2): ${n(overhead, 1)} ms/combination (target ≤ 30)\n` +
      `    in-process ${n(median(localTiny.map((s) => s.wallMs)), 0)} ms, distributed ${n(median(oneTiny.map((s) => s.wallMs)), 0)} ms\n` +
      `  2 workers × 1 slot over 1 × 1 (epochs 10–20): ×${n(speedup)} — target ≥ 1.8\n` +
      `  enqueue → start: median ${n(median(latencies), 0)} ms, p95 ${n(p95, 0)} ms over ${latencies.length} jobs (from added, or the worker's slot free, to taken)\n` +
      `  worker → SSE progress lag: median ${n(median(lags), 1)} ms, p95 ${n(pct95(lags), 1)} ms over ${lags.length} epoch events\n` +
      `  recovery after a worker SIGKILL (lock ${queueConfig.lockMs} ms, stalled check ${queueConfig.stalledMs} ms): ${n(recoveryMs / 1000, 1)} s from the kill to the combination taken again`,
  );
} finally {
  for (const s of [local, one, two]) {
    if (!s) continue;
    await s.studio.close();
    rmSync(s.home, { recursive: true, force: true });
  }
  for (const c of children) c.kill('SIGKILL');
  redisProc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
