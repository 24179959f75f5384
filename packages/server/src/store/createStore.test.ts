import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgresServer } from '../testing/postgresServer.js';
import { createStore, openDatabase, type Store } from './createStore.js';
import { inCodeMigrations, migrationNames } from './migrations.js';
import type { NewRun } from './runStore.js';
import type { StoreTarget } from './storeTarget.js';

const combo = {
  epochs: 5,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 32,
  numHiddenLayers: 1,
  dropout: 0,
};
const newRun = (id: string, extra: Partial<NewRun> = {}): NewRun => ({
  id,
  framework: 'pytorch',
  kind: 'train',
  datasetId: 'iris',
  seed: 42,
  combination: combo,
  createdAt: new Date(2026, 0, 1, 0, 0, Number(id.replace(/\D/g, '') || 0)).toISOString(),
  ...extra,
});
const completed = {
  metric_name: 'accuracy',
  metric_score: 0.93,
  train_loss: 0.2,
  test_loss: 0.25,
  modelId: 'm1',
  modelPath: 'models/m1',
  parameterCount: 100,
  durationMs: 12,
  history: [{ epoch: 1, epochs: 1, train_loss: 0.2, test_loss: 0.25 }],
  finishedAt: '2026-01-01T00:01:00.000Z',
};

let dir: string;
let store: Store;

describe('createStore on SQLite', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trainyard-store-'));
    store = await createStore({ file: join(dir, 'trainyard.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a store with damaged pages at start-up, naming the file and what to do', async () => {
    for (let i = 0; i < 300; i++)
      await store.runs.insert(newRun(`r${i}`, { error: 'x'.repeat(200) } as never));
    await store.close();
    const file = join(dir, 'trainyard.db');
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(8 * 4096);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const err = await createStore({ file }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain(`The store ${file} is damaged`);
    expect(err?.message).toContain('restore it from a backup, or move it aside');
    store = await createStore({ file: join(dir, 'fresh.db') });
  });

  it('names the path when the file is not a database at all', async () => {
    const file = join(dir, 'garbage.db');
    writeFileSync(
      file,
      'this is not a database, just some text that is long enough to fill a header '.repeat(20),
    );
    await expect(createStore({ file })).rejects.toThrow(
      /garbage\.db is damaged or not a Trainyard database.*move it aside/,
    );
  });

  it('creates the database file in WAL mode with every migration applied', async () => {
    expect(existsSync(join(dir, 'trainyard.db'))).toBe(true);
    const raw = new Database(join(dir, 'trainyard.db'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const applied = raw.prepare('select name from kysely_migration order by name').all() as {
      name: string;
    }[];
    raw.close();
    expect(applied.map((r) => r.name)).toEqual(migrationNames);
  });
});

// One suite, both dialects: the embedded default and the store several machines share.
describe.each(['sqlite', 'postgres'] as const)('createStore on %s', (dialect) => {
  let pgServer: PostgresServer;
  if (dialect === 'postgres') {
    beforeAll(async () => {
      pgServer = await startPostgresServer();
    });
    afterAll(() => pgServer?.close());
  }
  let databases = 0;
  const newTarget = async (): Promise<StoreTarget> =>
    dialect === 'postgres'
      ? { databaseUrl: await pgServer.createDatabase() }
      : { file: join(dir, `trainyard-${++databases}.db`) };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trainyard-store-'));
    store = await createStore(await newTarget());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once', async () => {
    const db = openDatabase(store.target);
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(migrationNames);
    } finally {
      await db.destroy();
    }
  });

  it('keeps metrics and learning rates at full double precision', async () => {
    // PostgreSQL's real is 4 bytes: these would read back as 0.12345679 and 0.00012345679.
    await store.runs.insert(newRun('r1', { combination: { ...combo, learningRate: 0.000123456789 } }));
    await store.runs.complete('r1', { ...completed, metric_score: 0.123456789, durationMs: 1234.56789 });
    expect(await store.runs.get('r1')).toMatchObject({
      learningRate: 0.000123456789,
      metric_score: 0.123456789,
      durationMs: 1234.56789,
    });
  });

  it('keeps rows across a reopen and does not re-run migrations', async () => {
    await store.runs.insert(newRun('r1'));
    await store.close();
    store = await createStore(store.target);
    expect((await store.runs.get('r1'))?.result).toBe('running');
  });

  it('stores a run as running, then completed with its metrics and history', async () => {
    await store.runs.insert(newRun('r1'));
    const running = await store.runs.get('r1');
    expect(running).toMatchObject({
      result: 'running',
      metric_score: 'n/a',
      epochs: 5,
      batchSize: 16,
    });
    await store.runs.complete('r1', completed);
    expect(await store.runs.get('r1')).toMatchObject({
      result: 'completed',
      metric_score: 0.93,
      modelId: 'm1',
      history: completed.history,
      finishedAt: completed.finishedAt,
    });
  });

  it('stores the model-selection fields of a completed run, and none for a run without them', async () => {
    await store.runs.insert(newRun('r1'));
    await store.runs.insert(newRun('r2'));
    const selection = {
      val_score: 0.9,
      val_score_std: 0.04,
      val_loss: 0.31,
      best_epoch: 7,
      stopped_epoch: 10,
      pruned: false,
    };
    await store.runs.complete('r1', { ...completed, ...selection });
    await store.runs.complete('r2', completed);
    expect(await store.runs.get('r1')).toMatchObject({ metric_score: 0.93, ...selection });
    const plain = await store.runs.get('r2');
    for (const field of Object.keys(selection)) expect(plain).not.toHaveProperty(field);
  });

  it('keeps a run written before 0004_run_selection readable, without selection fields', async () => {
    const target = await newTarget();
    const db = openDatabase(target);
    await new Migrator({ db, provider: inCodeMigrations }).migrateTo('0002_process_owners');
    await sql`insert into runs (id, framework, kind, dataset_id, status, seed, epochs, batch_size, learning_rate,
           test_size, hidden_dim, num_hidden_layers, dropout, metric_name, metric_score, train_loss, test_loss,
           created_at)
         values ('old', 'pytorch', 'train', 'iris', 'completed', 42, 5, 16, 0.01, 0.2, 32, 1, 0, 'accuracy',
           0.9, 0.2, 0.3, '2026-01-01')`.execute(db);
    await db.destroy();

    const upgraded = await createStore(target);
    try {
      const old = await upgraded.runs.get('old');
      expect(old).toMatchObject({ result: 'completed', metric_score: 0.9 });
      expect(old).not.toHaveProperty('val_score');
      expect(old).not.toHaveProperty('val_score_std');
      expect(old).not.toHaveProperty('best_epoch');
    } finally {
      await upgraded.close();
    }
  });

  it('shapes a failed run with n/a metrics and its error (DR-003)', async () => {
    await store.runs.insert(newRun('r1'));
    await store.runs.fail('r1', 'loss became NaN', '2026-01-01T00:02:00.000Z');
    expect(await store.runs.get('r1')).toMatchObject({
      result: 'failed',
      metric_name: 'n/a',
      metric_score: 'n/a',
      train_loss: 'n/a',
      test_loss: 'n/a',
      error: 'loss became NaN',
    });
  });

  it('lists runs newest first and filters by framework, dataset and sweep', async () => {
    await store.runs.insert(newRun('r1'));
    await store.runs.insert(newRun('r2', { framework: 'tensorflow', mode: 'linear' }));
    await store.runs.insert(newRun('r3', { datasetId: 'wine', sweepId: 's1', combinationIndex: 0 }));
    expect((await store.runs.list()).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect((await store.runs.list({ framework: 'tensorflow' })).map((r) => r.id)).toEqual(['r2']);
    expect((await store.runs.list({ datasetId: 'wine' })).map((r) => r.id)).toEqual(['r3']);
    expect((await store.runs.list({ sweepId: 's1' })).map((r) => r.id)).toEqual(['r3']);
  });

  it('fails only the running runs of the owner it is given', async () => {
    // A second process on the same file: its runs record it, not us.
    const other = await createStore({ ...store.target, owner: { ...store.owner, pid: 1, token: 'other' } });
    try {
      await store.runs.insert(newRun('r1'));
      await store.runs.insert(newRun('r2'));
      await store.runs.complete('r2', completed);
      await other.runs.insert(newRun('r3'));
      expect(await store.runs.runningOwners()).toEqual(expect.arrayContaining([store.owner, other.owner]));
      expect(await store.runs.failRunningOf(other.owner, 'interrupted', completed.finishedAt)).toBe(1);
      expect(await store.runs.get('r3')).toMatchObject({ result: 'failed', error: 'interrupted' });
      expect((await store.runs.get('r1'))?.result).toBe('running');
      expect((await store.runs.get('r2'))?.result).toBe('completed');
      expect(await store.runs.runningOwners()).toEqual([store.owner]);
    } finally {
      await other.close();
    }
  });

  it('counts completed combinations as done and names the others by their latest attempt', async () => {
    await store.sweeps.insert({
      id: 's1',
      status: 'running',
      fields: {} as never,
      combinations: [combo, combo],
      total: 2,
      createdAt: completed.finishedAt,
    });
    await store.runs.insert(newRun('r1', { sweepId: 's1', combinationIndex: 0 }));
    await store.runs.insert(newRun('r2', { sweepId: 's1', combinationIndex: 1 }));
    await store.runs.complete('r1', completed);
    await store.runs.fail('r2', 'interrupted', completed.finishedAt, undefined, 'interrupted');
    const counts = { done: 1, failed: 0, cancelled: 0, interrupted: 1, stopped: 0 };
    expect(await store.sweeps.get('s1')).toMatchObject(counts);
    // A resumed attempt of combination 1 is running again: it counts nowhere until it ends.
    await store.runs.insert(newRun('r3', { sweepId: 's1', combinationIndex: 1 }));
    expect(await store.sweeps.get('s1')).toMatchObject({ ...counts, interrupted: 0 });
    await store.runs.complete('r3', completed);
    expect(await store.sweeps.get('s1')).toMatchObject({ ...counts, done: 2, interrupted: 0 });
    expect((await store.sweeps.list())[0]).toMatchObject({ id: 's1', done: 2, interrupted: 0 });
    expect((await store.runs.forSweep('s1')).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it("names the sweep's best by core's rule: by validation, never a pruned run", async () => {
    await store.sweeps.insert({
      id: 's1',
      status: 'running',
      fields: {} as never,
      combinations: [combo, combo],
      total: 2,
      createdAt: completed.finishedAt,
    });
    await store.runs.insert(newRun('r1', { sweepId: 's1', combinationIndex: 0 }));
    await store.runs.insert(newRun('r2', { sweepId: 's1', combinationIndex: 1 }));
    // The pruned run has the higher validation score; it stopped early, so it cannot be the best.
    await store.runs.complete('r1', {
      ...completed,
      val_score: 0.99,
      val_loss: 0.1,
      best_epoch: 1,
      stopped_epoch: 1,
      pruned: true,
    });
    await store.runs.complete('r2', {
      ...completed,
      val_score: 0.8,
      val_loss: 0.3,
      best_epoch: 1,
      stopped_epoch: 1,
      pruned: false,
    });
    expect((await store.sweeps.get('s1'))?.best).toEqual({
      runId: 'r2',
      combinationIndex: 1,
      metric_name: 'accuracy',
      score: 0.8,
      validation: true,
    });
  });

  it('interrupts only the active sweeps of the owner it is given', async () => {
    const other = await createStore({ ...store.target, owner: { ...store.owner, pid: 1, token: 'other' } });
    try {
      const base = { fields: {} as never, combinations: [], total: 0, createdAt: completed.finishedAt };
      await store.sweeps.insert({ ...base, id: 'a', status: 'running' });
      await store.sweeps.insert({ ...base, id: 'b', status: 'completed' });
      await other.sweeps.insert({ ...base, id: 'c', status: 'running' });
      expect(await store.sweeps.ownerOf('c')).toEqual(other.owner);
      expect(await store.sweeps.activeOwners()).toEqual(expect.arrayContaining([store.owner, other.owner]));
      expect(await store.sweeps.interruptActiveOf(store.owner, completed.finishedAt)).toEqual(['a']);
      expect((await store.sweeps.get('a'))?.status).toBe('interrupted');
      expect((await store.sweeps.get('b'))?.status).toBe('completed');
      expect((await store.sweeps.get('c'))?.status).toBe('running');
    } finally {
      await other.close();
    }
  });

  it('lets one process claim an inactive sweep and records it as the owner', async () => {
    const other = await createStore({ ...store.target, owner: { ...store.owner, pid: 1, token: 'other' } });
    try {
      const base = { fields: {} as never, combinations: [], total: 0, createdAt: completed.finishedAt };
      await store.sweeps.insert({
        ...base,
        id: 'a',
        status: 'interrupted',
        finishedAt: completed.finishedAt,
      });
      expect(await other.sweeps.claim('a')).toBe(true);
      expect(await store.sweeps.claim('a')).toBe(false);
      expect(await store.sweeps.get('a')).toMatchObject({ status: 'running' });
      expect((await store.sweeps.get('a'))?.finishedAt).toBeUndefined();
      expect(await store.sweeps.ownerOf('a')).toEqual(other.owner);
      expect(await store.sweeps.ownerOf('nope')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('reads rows written before owners were recorded as owned by nobody', async () => {
    // A home written by the release before 0002_process_owners, with a run a crash left running.
    const target = await newTarget();
    const db = openDatabase(target);
    await new Migrator({ db, provider: inCodeMigrations }).migrateTo('0001_initial');
    await sql`insert into runs (id, framework, kind, dataset_id, status, seed, epochs, batch_size, learning_rate,
           test_size, hidden_dim, num_hidden_layers, dropout, created_at)
         values ('old', 'pytorch', 'train', 'iris', 'running', 42, 5, 16, 0.01, 0.2, 32, 1, 0, '2026-01-01')`.execute(
      db,
    );
    await db.destroy();

    const upgraded = await createStore(target);
    try {
      expect(await upgraded.runs.runningOwners()).toEqual([null]);
      expect(await upgraded.runs.failRunningOf(null, 'interrupted', completed.finishedAt)).toBe(1);
      expect(await upgraded.runs.get('old')).toMatchObject({ result: 'failed', error: 'interrupted' });
    } finally {
      await upgraded.close();
    }
  });

  it('classifies failed runs written before 0003_run_stop_reason by the texts the studio wrote', async () => {
    const target = await newTarget();
    const db = openDatabase(target);
    await new Migrator({ db, provider: inCodeMigrations }).migrateTo('0002_process_owners');
    const insert = (id: string, index: number, error: string) =>
      sql`insert into runs (id, sweep_id, combination_index, framework, kind, dataset_id, status, seed, epochs,
         batch_size, learning_rate, test_size, hidden_dim, num_hidden_layers, dropout, error, created_at)
       values (${id}, 's1', ${index}, 'pytorch', 'train', 'iris', 'failed', 42, 5, 16, 0.01, 0.2, 32, 1, 0,
         ${error}, '2026-01-01')`.execute(db);
    await insert('a', 0, 'interrupted');
    await insert('b', 1, 'Training cancelled');
    await insert('c', 2, 'Training cancelled before it started');
    await insert('d', 3, 'Loss became NaN');
    await db.destroy();

    const upgraded = await createStore(target);
    try {
      const runs = await upgraded.runs.forSweep('s1');
      expect(runs.map((r) => [r.id, r.result, r.stopReason])).toEqual([
        ['a', 'failed', 'interrupted'],
        ['b', 'failed', 'cancelled'],
        ['c', 'failed', 'cancelled'],
        ['d', 'failed', undefined],
      ]);
    } finally {
      await upgraded.close();
    }
  });

  it('indexes models and forgets them on delete', async () => {
    const model = {
      modelId: 'm1',
      framework: 'pytorch' as const,
      kind: 'trained' as const,
      datasetId: 'iris',
      task: 'classification' as const,
      params: { ...combo, seed: 42 },
      metric_name: 'accuracy',
      metric_score: 0.9,
      parameterCount: 100,
      files: ['model.pt'],
      createdAt: completed.finishedAt,
    };
    await store.models.put(model);
    await store.models.put({ ...model, metric_score: 0.95 });
    expect(await store.models.list()).toEqual([{ ...model, metric_score: 0.95 }]);
    expect(await store.models.delete('m1')).toBe(true);
    expect(await store.models.get('m1')).toBeUndefined();
    expect(await store.models.delete('m1')).toBe(false);
  });
});
