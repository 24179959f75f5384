import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { combination } from '@trainyard/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStudio } from '../studio/createStudio.js';
import { createFakeLocalApi } from '../testing/fakeLocalApi.js';
import { type PostgresServer, startPostgresServer } from '../testing/postgresServer.js';
import { createTestApp, sweepBody } from '../testing/testApp.js';
import { createStore } from './createStore.js';

let pgServer: PostgresServer;
let home: string;
beforeAll(async () => {
  pgServer = await startPostgresServer();
});
afterAll(() => pgServer?.close());
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

describe('a studio with TRAINYARD_DATABASE_URL', () => {
  it('keeps its runs and sweeps in PostgreSQL and finishes a sweep across a PostgreSQL restart', async () => {
    vi.stubEnv('TRAINYARD_DATABASE_URL', await pgServer.createDatabase());
    home = mkdtempSync(join(tmpdir(), 'trainyard-pg-studio-'));
    const seen: string[] = [];
    const fake = createFakeLocalApi({ home, delayMs: 150 });
    const studio = await createStudio({
      home,
      api: fake.api,
      concurrency: 2,
      // Dropped connections are reported here; on failure they are printed with the sweep's error.
      onError: (err, context) => seen.push(`${context}: ${(err as Error)?.stack ?? String(err)}`),
    });
    try {
      expect(existsSync(join(home, 'trainyard.db'))).toBe(false);
      expect(studio.store.target).toEqual({ databaseUrl: process.env.TRAINYARD_DATABASE_URL });

      const created = await studio.sweeps.create({ ...sweepBody, epochValues: '1, 2' });
      await sleep(200);
      expect((await studio.sweeps.get(created.id))?.status).toBe('running'); // the restart is mid-sweep
      await pgServer.stop();
      await sleep(300);
      await pgServer.start();

      const done = await studio.sweeps.whenDone(created.id);
      if (done?.status !== 'completed') console.error(done?.error, seen.join('\n'));
      expect(done).toMatchObject({ status: 'completed', total: 8, done: 8 });
      const runs = await studio.sweeps.runs(created.id);
      expect(runs.map((r) => r.combinationIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(runs.map((r) => r.result)).toEqual(Array(8).fill('completed'));
      expect(await studio.store.models.ids()).toHaveLength(8);
    } finally {
      await studio.close();
    }
  });

  it('keeps the rows of models another machine made, whose files it cannot see', async () => {
    const databaseUrl = await pgServer.createDatabase();
    const elsewhere = await createStore({ databaseUrl });
    await elsewhere.models.put({
      modelId: 'm_bbbbbbbbbbbbbbbb',
      framework: 'pytorch',
      kind: 'trained',
      datasetId: 'iris',
      task: 'classification',
      params: { ...combination(1), seed: 42 },
      metric_name: 'accuracy',
      metric_score: 0.9,
      parameterCount: 10,
      files: ['model.pt'],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await elsewhere.close();

    vi.stubEnv('TRAINYARD_DATABASE_URL', databaseUrl);
    home = mkdtempSync(join(tmpdir(), 'trainyard-pg-studio-'));
    const t = await createTestApp();
    try {
      expect(await t.studio.store.models.ids()).toEqual(['m_bbbbbbbbbbbbbbbb']);
      const download = await t.app.inject({ url: '/api/models/m_bbbbbbbbbbbbbbbb/download' });
      expect(download.statusCode).toBe(404);
      expect(await t.studio.store.models.ids()).toEqual(['m_bbbbbbbbbbbbbbbb']);
    } finally {
      await t.close();
    }
  });
});
