/**
 * The store's Kysely over a PostgreSQL pool that outlives a database restart: a connection the
 * server drops is an 'error' event on the pool or on the client (unhandled, it would crash the
 * process), so both are caught and the broken client is discarded. Opening a connection retries
 * while the server refuses it, and a statement outside a transaction whose connection was cut
 * (the server shut down under it, so it did not commit) runs again on a new connection: a
 * restart of a few seconds costs a sweep a wait, not a failed write.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
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

/** The connection went away under a statement: admin or crash shutdown, or the socket closed. */
function isConnectionLost(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  if (code && ['57P01', '57P02', 'ECONNRESET', 'EPIPE'].includes(code)) return true;
  return /Connection terminated|not queryable/.test(message ?? '');
}

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
  async function connect(): Promise<pg.PoolClient> {
    const deadline = Date.now() + reconnectMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        return await pool.connect();
      } catch (err) {
        const code = (err as { code?: string }).code;
        // A server going down may also cut the connection in the middle of the handshake.
        const retryable = (code !== undefined && RETRYABLE.has(code)) || isConnectionLost(err);
        if (!retryable || Date.now() + wait > deadline) throw err;
        await sleep(wait);
      }
    }
  }
  const reconnecting: PostgresPool = {
    connect: async () => reconnectingClient(await connect(), connect, reconnectMs),
    end: () => pool.end(),
  };
  return new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool: reconnecting }) });
}

/**
 * A pooled client whose statements outside a transaction move to a new connection when theirs is
 * lost, until `reconnectMs` has passed (a shutdown ends every connection, so the next one the pool
 * hands out may be cut too). Inside a transaction (Kysely sends begin/commit/rollback as
 * statements) the error stands: the transaction is gone with its connection.
 */
function reconnectingClient(
  first: pg.PoolClient,
  connect: () => Promise<pg.PoolClient>,
  reconnectMs: number,
): PostgresPoolClient {
  let client: pg.PoolClient | undefined = first;
  let inTransaction = false;
  const query = async (text: string, parameters: readonly unknown[]) => {
    const statement = text.trimStart().slice(0, 20).toLowerCase();
    const deadline = Date.now() + reconnectMs;
    let result: pg.QueryResult;
    for (;;) {
      try {
        client ??= await connect();
        result = await client.query(text, [...parameters]);
        break;
      } catch (err) {
        if (client === undefined || inTransaction || !isConnectionLost(err) || Date.now() > deadline)
          throw err;
        client.release(err as Error); // destroys it
        client = undefined;
      }
    }
    if (/^(begin|start transaction)/.test(statement)) inTransaction = true;
    else if (/^(commit|rollback)\b/.test(statement) && !statement.startsWith('rollback to'))
      inTransaction = false;
    return result;
  };
  return {
    // Kysely never passes a cursor here: the store does not stream.
    query: query as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client?.release(destroy),
  };
}
