// Issue 10's adversarial pass, kept as a test: the REAL built studio as a subprocess on 127.0.0.1
// (loopback only), a seeded dataset, run, model and sweep, then the corpus of adversarialCorpus.ts
// (bad ids on every route, hostile JSON, broken CSV, the quadratic and deep-nesting bodies, the
// cross-site and DNS-rebinding writes) and the same writes from a real second origin in Chromium.
// It asserts: no 5xx, no request over 2 s, /api/health answering throughout, stored data unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, type Probe, type Seed, SWEEP, TRAIN } from './adversarialCorpus.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { type ServerProcess, startServerProcess } from './serverHarness.js';

const UPLOAD_LIMIT = 256 * 1024;
const SLOW_MS = 2000;
const BROWSER_ARGS = [
  ...CHROMIUM_ARGS,
  // A hostile site, and a DNS-rebinding name, both resolving to this machine.
  '--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1',
];

interface Answer {
  status: number;
  ms: number;
  body: string;
}

/** One raw HTTP/1.1 request, headers (Host included) exactly as given. */
function send(port: number, probe: Pick<Probe, 'method' | 'path' | 'headers' | 'body'>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: probe.method,
        path: probe.path,
        headers: probe.headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.setTimeout(10_000, () =>
      req.destroy(new Error(`${probe.method} ${probe.path.slice(0, 60)}: no answer in 10 s`)),
    );
    req.on('error', reject);
    req.end(probe.body);
  });
}

describe('adversarial corpus against the real server (issue 10)', () => {
  let home: string;
  let server: ServerProcess;
  let port: number;
  let host: string;
  let seed: Seed;
  const client = { 'x-trainyard-client': 'e2e-seed' };
  const get = async (path: string) =>
    JSON.parse((await send(port, { method: 'GET', path, headers: { host } })).body);
  const snapshot = async () => ({
    datasets: await get('/api/datasets'),
    runs: await get('/api/runs'),
    models: await get('/api/models'),
    sweeps: await get('/api/sweeps'),
  });
  const csv = `a,b,label\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 2},${i % 2 ? 'x' : 'y'}`).join('\n')}\n`;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-adversarial-e2e-'));
    server = await startServerProcess({
      TRAINYARD_HOME: home,
      HOST: '127.0.0.1',
      TRAINYARD_TOKEN: '',
      TRAINYARD_UPLOAD_LIMIT: String(UPLOAD_LIMIT),
    });
    port = Number(new URL(server.url).port);
    host = `127.0.0.1:${port}`;
    // The first health check probes both engines (seconds); the poller below measures warm answers.
    await get('/api/health');
    /** A write the studio must accept, as its own clients send it. */
    const post = async (path: string, type: string, body: string, status: number) => {
      const answer = await send(port, {
        method: 'POST',
        path,
        headers: { host, ...client, 'content-type': type },
        body,
      });
      expect(answer.status, answer.body).toBe(status);
      return answer;
    };
    const dataset = await post('/api/datasets?name=seed&target=label', 'text/csv', csv, 201);
    const trained = await post('/api/pytorch/train', 'application/json', JSON.stringify(TRAIN), 200);
    const sweep = await post('/api/sweeps', 'application/json', JSON.stringify(SWEEP), 201);
    const sweepId = JSON.parse(sweep.body).sweep.id as string;
    for (let i = 0; i < 300; i++) {
      const status = (await get(`/api/sweeps/${sweepId}`)).sweep.status as string;
      if (status !== 'queued' && status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const run = JSON.parse(trained.body) as { runId: string; modelId: string };
    seed = {
      datasetId: JSON.parse(dataset.body).dataset.id,
      runId: run.runId,
      modelId: run.modelId,
      sweepId,
    };
  });

  afterAll(async () => {
    if (server) await server.stop('SIGTERM');
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('answers every malformed and hostile request 4xx within 2 s, health stays up, nothing changes', async () => {
    const before = await snapshot();
    const probes = buildCorpus(seed, host, UPLOAD_LIMIT);
    expect(probes.length).toBeGreaterThanOrEqual(150);

    // /api/health is polled the whole time: one slow request must not stall the others.
    const health: number[] = [];
    const healthFailures: string[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const answer = await send(port, { method: 'GET', path: '/api/health', headers: { host } });
        health.push(answer.ms);
        if (answer.status !== 200) healthFailures.push(`${answer.status} ${answer.body}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const results: Array<{ probe: Probe; answer: Answer }> = [];
    for (const probe of probes) results.push({ probe, answer: await send(port, probe) });
    // Four quadratic bodies at once (they stalled /api/health for 15 s before the fix).
    const quadratic = probes.find((p) => p.name === 'sweep with 131,000 learning rates')!;
    for (const answer of await Promise.all([1, 2, 3, 4].map(() => send(port, quadratic)))) {
      results.push({ probe: quadratic, answer });
    }
    polling = false;
    await poller;

    const statuses: Record<string, number> = {};
    for (const { answer } of results) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const slowest = results.reduce((a, b) => (b.answer.ms > a.answer.ms ? b : a));
    console.log(
      `adversarial: ${results.length} requests (${probes.filter((p) => p.guard).length} cross-site/Host guard probes); ` +
        `statuses ${JSON.stringify(statuses)}; slowest ${slowest.answer.ms.toFixed(0)} ms (${slowest.probe.name}); ` +
        `health ${health.length} checks, slowest ${Math.max(...health).toFixed(0)} ms, ${healthFailures.length} failures`,
    );

    const serverErrors = results.filter(
      (r) => r.answer.status >= 500 || (r.answer.status < 400 && !r.probe.mayPass),
    );
    expect(
      serverErrors.map((r) => `${r.probe.name}: ${r.answer.status} ${r.answer.body.slice(0, 200)}`),
    ).toEqual([]);
    const slow = results.filter((r) => r.answer.ms > SLOW_MS);
    expect(slow.map((r) => `${r.probe.name}: ${r.answer.ms.toFixed(0)} ms`)).toEqual([]);
    const unguarded = results.filter((r) => r.probe.guard && r.answer.status !== 403);
    expect(
      unguarded.map((r) => `${r.probe.name}: ${r.answer.status} ${r.answer.body.slice(0, 200)}`),
    ).toEqual([]);
    // Every JSON error keeps the documented shape.
    for (const { probe, answer } of results) {
      if (answer.status < 400) continue;
      const body = JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof body.error?.code === 'string' && typeof body.error.message === 'string', probe.name).toBe(
        true,
      );
    }
    expect(healthFailures).toEqual([]);
    expect(Math.max(...health)).toBeLessThan(SLOW_MS);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the no-cors and form writes of a page on another origin in Chromium, storing nothing', async () => {
    const before = await snapshot();
    const studio = `http://127.0.0.1:${port}`;
    const page = (target: string) => `<!doctype html><meta charset="utf-8"><title>busy</title>
<iframe name="sink"></iframe>
<form id="f" method="POST" enctype="text/plain" target="sink" action="${target}/api/datasets?name=evil-form-nav&amp;target=label">
<input name="a,b,label&#10;1,2,x&#10;" value="">
</form>
<script>
const studio = ${JSON.stringify(target)};
const csv = ${JSON.stringify(csv)};
(async () => {
  const results = [];
  const attempt = async (name, path, init) => {
    try { await fetch(studio + path, { mode: 'no-cors', ...init }); results.push(name + ': sent'); }
    catch (err) { results.push(name + ': ' + err.message); }
  };
  await attempt('text', '/api/datasets?name=evil-text&target=label', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: csv });
  const form = new FormData();
  form.append('target', 'label');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'evil-form.csv');
  await attempt('form', '/api/datasets', { method: 'POST', body: form });
  await attempt('cancel', '/api/sweeps/${seed.sweepId}/cancel', { method: 'POST' });
  await attempt('resume', '/api/sweeps/${seed.sweepId}/resume', { method: 'POST' });
  document.getElementById('f').submit();
  await new Promise((r) => document.querySelector('iframe').addEventListener('load', r, { once: true }));
  document.title = 'done: ' + results.join('; ');
})();
</script>`;

    // The hostile site: another loopback port, also reachable as http://evil.test:<port>.
    const site: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(studio));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const sitePort = (site.address() as AddressInfo).port;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BROWSER_ARGS });
    const seen: string[] = [];
    try {
      const context = await browser.newContext();
      context.on('response', (r) => {
        if (r.url().startsWith(studio) || r.url().startsWith('http://rebind.test')) {
          seen.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
        }
      });
      for (const origin of [`http://127.0.0.1:${sitePort}`, `http://evil.test:${sitePort}`]) {
        const tab = await context.newPage();
        await tab.goto(`${origin}/`);
        await expect.poll(() => tab.title(), { timeout: 15_000 }).toMatch(/^done: /);
        await tab.close();
      }
      // DNS rebinding: the studio's port under a name that resolves to it.
      const rebound = await context.newPage();
      const answer = await rebound.goto(`http://rebind.test:${port}/api/runs`);
      expect(answer?.status()).toBe(403);
      expect(await rebound.textContent('body')).toContain('TRAINYARD_ALLOWED_HOSTS');
    } finally {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    }
    console.log(`adversarial (chromium): ${seen.length} cross-origin answers: ${seen.join(', ')}`);
    const writes = seen.filter((s) => s.startsWith('POST'));
    expect(writes.length).toBe(10); // 5 writes from each of the two origins
    for (const s of writes) expect(s).toMatch(/ 403$/);
    expect(await snapshot()).toEqual(before);
  });
});
