#!/usr/bin/env node
// Load check of GET /api/datasets/:id/rows (issue 4): starts the built studio as a subprocess on a
// loopback ephemeral port with a temporary TRAINYARD_HOME, asks for a synthetic dataset of N rows
// (registered on demand by the trainers), then fires R concurrent page requests at random offsets
// and prints p50/p99 latency. It also checks that the route does not re-read the dataset per
// request: the first (cold) request is compared with the later ones, and pages at the start and
// the end of the dataset must cost the same.
//
//   node bench/server/rows-load.mjs [--rows 1000000] [--requests 200] [--limit 100] [--seed 7]
//   (build first: npm run build)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../../packages/trainers/dist/index.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    features: { type: 'string', default: '20' },
    requests: { type: 'string', default: '200' },
    limit: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
  },
});
const rows = Number(values.rows);
const requests = Number(values.requests);
const limit = Number(values.limit);
const datasetId = `synthetic-clf-${rows}x${Number(values.features)}`;
const MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

function startServer(home) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TRAINYARD_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Trainyard studio: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ url: match[1], child });
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

async function timedGet(url) {
  const start = performance.now();
  const res = await fetch(url);
  const body = await res.json();
  const ms = performance.now() - start;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const home = mkdtempSync(join(tmpdir(), 'trainyard-rows-bench-'));
const { url, child } = await startServer(home);
try {
  const page = (offset) => `${url}/api/datasets/${datasetId}/rows?offset=${offset}&limit=${limit}`;
  const cold = await timedGet(page(0));
  if (cold.body.total !== rows) throw new Error(`expected ${rows} rows, the server says ${cold.body.total}`);

  const next = mulberry32(Number(values.seed)); // the offsets are the same on every run
  const offsets = Array.from({ length: requests }, () => Math.floor(next() * (rows - limit)));
  const started = performance.now();
  const results = await Promise.all(offsets.map((o) => timedGet(page(o))));
  const wallMs = performance.now() - started;
  for (const [i, r] of results.entries()) {
    if (r.body.offset !== offsets[i] || r.body.rows.length !== limit)
      throw new Error(`bad page at ${offsets[i]}`);
  }
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);

  // Sequential probes at both ends: a per-request re-read or a scan to the offset would make the
  // end of the dataset slower than its start.
  const probe = async (offset) => {
    const times = [];
    for (let i = 0; i < 10; i++) times.push((await timedGet(page(offset))).ms);
    return times.sort((a, b) => a - b)[5];
  };
  const startMs = await probe(0);
  const endMs = await probe(rows - limit);

  console.log(`dataset ${datasetId}: ${rows} rows, pages of ${limit}`);
  console.log(`cold first request: ${fmt(cold.ms)}`);
  console.log(
    `${requests} concurrent requests: p50 ${fmt(quantile(latencies, 0.5))}, p99 ${fmt(quantile(latencies, 0.99))}, max ${fmt(latencies.at(-1))}, wall ${fmt(wallMs)} (${Math.round((requests / wallMs) * 1000)} req/s)`,
  );
  console.log(`sequential median: offset 0 ${fmt(startMs)}, offset ${rows - limit} ${fmt(endMs)}`);
  const ratio = endMs / Math.max(startMs, 0.1);
  const verdict =
    ratio < 3
      ? 'OK: page cost does not grow with the offset (no re-read per request)'
      : 'SUSPECT: later pages are slower';
  console.log(`end/start ratio ${ratio.toFixed(2)} — ${verdict}`);
  process.exitCode = ratio < 3 ? 0 : 1;
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  rmSync(home, { recursive: true, force: true });
}
