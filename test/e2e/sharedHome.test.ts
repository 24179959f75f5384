// Two processes on one data directory, as in real use: `make start` (the REAL built server) trains a
// sweep while the user runs the CLI's embedded studio on the same TRAINYARD_HOME in another terminal.
// The CLI's start-up repair must leave the server's live runs and sweep alone.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredRun, SweepRecord } from '@trainyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, readSse, type ServerProcess, startServerProcess } from './serverHarness.js';

const CLI = fileURLToPath(new URL('../../packages/cli/bin/trainyard.js', import.meta.url));

/** Runs the built CLI to its end; never throws on a non-zero exit. */
function trainyard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, NO_COLOR: '1', TRAINYARD_TOKEN: '' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Slow enough (several seconds a run) that the CLI starts and acts while a run is in flight: one
 * model at a time (`fused: false`; fused, the four train together and end sooner).
 */
const slowSweep = {
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues: '500',
  batchSizes: '8',
  learningRates: '0.01, 0.02, 0.03, 0.04',
  testSizes: '0.2',
  hiddenDims: '16',
  numHiddenLayers: '1',
  dropouts: '0',
  concurrency: 1,
  fused: false,
};

type SweepView = { sweep: SweepRecord; runs: Array<StoredRun & { combinationIndex: number }> };

describe('a sweep on the server while the CLI opens the same home', () => {
  let home: string;
  let server: ServerProcess;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-shared-home-'));
    server = await startServerProcess({ TRAINYARD_HOME: home });
  });
  afterAll(async () => {
    const exit = await server?.stop('SIGTERM');
    rmSync(home, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  });

  it('completes every run, nothing interrupted, and the CLI refuses to resume or cancel it', async () => {
    const base = server.url;
    const created = await call<{ sweep: SweepRecord }>('POST', `${base}/api/sweeps`, slowSweep);
    expect(created.status).toBe(201);
    const id = created.body.sweep.id;
    await readSse(`${base}/api/sweeps/${id}/events`, (e) => (e.event === 'epoch' ? 'stop' : undefined));

    // A second studio on the same home starts (and runs its start-up repair) while a run trains.
    const listed = await trainyard('--home', home, 'runs', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const seen = JSON.parse(listed.stdout) as StoredRun[];
    expect(seen.some((r) => r.sweepId === id && r.result === 'running')).toBe(true);

    // The CLI follows the server's sweep from the store while it runs on.
    const attached = trainyard('--home', home, 'sweep', 'attach', id, '--json');

    const resumed = await trainyard('--home', home, 'sweep', 'resume', id);
    expect(resumed.code).not.toBe(0);
    expect(resumed.stderr).toContain(`Sweep "${id}" is still running in process ${server.child.pid}`);
    const cancelled = await trainyard('--home', home, 'sweep', 'cancel', id);
    expect(cancelled.code).not.toBe(0);
    expect(cancelled.stderr).toContain('cancel it on the server that runs it');

    const events = await readSse(`${base}/api/sweeps/${id}/events`);
    expect(events.at(-1)?.data).toEqual({ type: 'done', status: 'completed' });
    const view = (await call<SweepView>('GET', `${base}/api/sweeps/${id}`)).body;
    expect(view.sweep).toMatchObject({ status: 'completed', done: 4, total: 4 });
    expect(view.runs.map((r) => [r.combinationIndex, r.result])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
      [3, 'completed'],
    ]);
    expect(view.runs.some((r) => r.error === 'interrupted')).toBe(false);

    const followed = await attached;
    expect(followed.code, followed.stderr).toBe(0);
    const rows = JSON.parse(followed.stdout) as StoredRun[];
    expect(rows.map((r) => r.result)).toEqual(['completed', 'completed', 'completed', 'completed']);
  });
});
