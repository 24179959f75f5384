/**
 * The store's Kysely over a PostgreSQL pool that outlives a database restart: a connection the
 * server drops is an 'error' event on the pool or on the client (unhandled, it would crash the
 * process), so both are caught and the broken client is discarded; the next query opens a new one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { StoreSchema } from './schema.js';

export interface PostgresOptions {
  /** Where dropped connections are reported (the store goes on; queries reconnect). */
  onError: (err: unknown, context: string) => void;
  /**
   * How long opening a connection keeps retrying while the server refuses it (restarting, starting
   * up): a short restart then costs a wait, not a failed write. Default 5000 ms.
   */
  reconnectMs?: number;
  /** Connections at most. Default 10. */
  maxConnections?: number;
}

/** Errors of a server that is down or not ready yet: nothing was sent, so connecting again is safe. */
const RETRYABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', '57P03']);

/**
 * Opens a pool on `url` (connections are made on first query).
 *
 * @example const db = openPostgres('postgres://ty@db/trainyard', { onError: log });
 */
export function openPostgres(url: string, options: PostgresOptions): Kysely<StoreSchema> {
  const { onError, reconnectMs = 5000, maxConnections = 10 } = options;
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => onError(err, 'PostgreSQL connection lost (idle)'));
  // pg-pool removes its own listener while a client is checked out: without this one, the server
  // going away mid-query would emit an unhandled 'error'. The query itself still rejects.
  pool.on('connect', (client) => {
    client.on('error', (err) => onError(err, 'PostgreSQL connection lost'));
  });
  const reconnecting: PostgresPool = {
    async connect() {
      const deadline = Date.now() + reconnectMs;
      for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
        try {
          return await pool.connect();
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (!code || !RETRYABLE.has(code) || Date.now() + wait > deadline) throw err;
          await sleep(wait);
        }
      }
    },
    end: () => pool.end(),
  };
  return new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool: reconnecting }) });
}
