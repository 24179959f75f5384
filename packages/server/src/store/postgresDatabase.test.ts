import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgresServer } from '../testing/postgresServer.js';
import { createStore, openDatabase } from './createStore.js';

let pgServer: PostgresServer;
beforeAll(async () => {
  pgServer = await startPostgresServer();
});
afterAll(() => pgServer?.close());

describe('the PostgreSQL store across a server restart', () => {
  it('reports dropped connections, fails queries while the server is down, then works again', async () => {
    const databaseUrl = await pgServer.createDatabase();
    const lost: string[] = [];
    const onError = (_err: unknown, context: string) => lost.push(context);
    const store = await createStore({ databaseUrl, onError, reconnectMs: 0 });
    const raw = openDatabase({ databaseUrl }, { onError, reconnectMs: 0 });
    try {
      expect(await store.sweeps.list()).toEqual([]); // leaves an idle connection in the pool
      // A query in flight and an idle connection: both are dropped by the shutdown. Unhandled,
      // either 'error' event would crash the process.
      const inFlight = sql`select pg_sleep(30)`.execute(raw).then(
        () => 'finished',
        (err: unknown) => err,
      );
      await sleep(100);
      await pgServer.stop();
      expect(await inFlight).toBeInstanceOf(Error); // cut, then no server to run it again on
      await expect(store.sweeps.list()).rejects.toThrow();
      expect(lost).toContain('PostgreSQL connection lost (idle)');

      await pgServer.start();
      expect(await store.sweeps.list()).toEqual([]);
      expect(await store.runs.list()).toEqual([]);
    } finally {
      await raw.destroy();
      await store.close();
    }
  });

  it('waits out a short restart: new queries wait, a statement cut by the shutdown runs again, a transaction does not', async () => {
    const databaseUrl = await pgServer.createDatabase();
    const store = await createStore({ databaseUrl, onError: () => {}, reconnectMs: 20_000 });
    const raw = openDatabase({ databaseUrl }, { onError: () => {}, reconnectMs: 20_000 });
    try {
      const cut = sql<{ one: number }>`select 1 as one from pg_sleep(1)`.execute(raw);
      const inTransaction = raw
        .transaction()
        .execute((trx) => sql`select pg_sleep(1)`.execute(trx))
        .then(
          () => 'committed',
          (err: unknown) => err,
        );
      await sleep(100);
      await pgServer.stop();
      const listing = store.models.list();
      await sleep(300);
      await pgServer.start();
      await expect(listing).resolves.toEqual([]);
      expect((await cut).rows).toEqual([{ one: 1 }]);
      expect(await inTransaction).toBeInstanceOf(Error); // its connection, and so the transaction, is gone
    } finally {
      await raw.destroy();
      await store.close();
    }
  });
});
