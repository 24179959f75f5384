import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { inCodeMigrations } from './migrations.js';
import { createModelStore, type ModelStore } from './modelStore.js';
import { openPostgres, type PostgresOptions } from './postgresDatabase.js';
import { currentProcessOwner, type ProcessOwner } from './processOwner.js';
import { createRunStore, type RunStore } from './runStore.js';
import type { StoreSchema } from './schema.js';
import { describeStoreTarget, type StoreTarget } from './storeTarget.js';
import { createSweepStore, type SweepStore } from './sweepStore.js';

/** Every SQL statement of the studio lives behind this object, so another database can replace it. */
export interface Store {
  /** Where the store lives: pass it to createStore again to open the same store (as another process). */
  readonly target: StoreTarget;
  /** The SQLite file; for PostgreSQL its URL without the password (for messages). */
  readonly file: string;
  /**
   * Whether other machines may use this store (PostgreSQL): a model whose files are missing on
   * this machine may have them on another, so its row is never dropped for that here.
   */
  readonly shared: boolean;
  /** The process this store writes as: runs and sweeps it starts record it as their owner. */
  readonly owner: ProcessOwner;
  readonly runs: RunStore;
  readonly sweeps: SweepStore;
  readonly models: ModelStore;
  close(): Promise<void>;
}

/** What to do with a store that cannot be read: said in every refusal below. */
const storeAdvice = (file: string) =>
  `restore it from a backup, or move it aside (e.g. mv "${file}" "${file}.broken") to start with an empty store; ` +
  'saved model files are indexed again from the models folder';

/**
 * Opens the SQLite file in WAL mode and runs SQLite's quick integrity check, so a damaged file is
 * refused at start-up (naming the file and what to do) instead of answering 500 on every list.
 */
function openSqlite(file: string): Database.Database {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file);
    // WAL lets readers (HTTP GETs) proceed while a run row is being written.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    const problem = file === ':memory:' ? 'ok' : String(sqlite.pragma('quick_check', { simple: true }));
    if (problem !== 'ok') throw new Error(`integrity check failed: ${problem}`);
    return sqlite;
  } catch (err) {
    sqlite?.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `The store ${file} is damaged or not a Trainyard database (${reason}): ${storeAdvice(file)}`,
      {
        cause: err,
      },
    );
  }
}

export type StoreOptions = StoreTarget & {
  owner?: ProcessOwner;
  /** PostgreSQL only: where dropped connections are reported. Default: console.error. */
  onError?: PostgresOptions['onError'];
  /** PostgreSQL only: see PostgresOptions. */
  reconnectMs?: number;
};

/**
 * Opens (creating if needed) the store and runs pending migrations: a SQLite file in WAL mode, or
 * a PostgreSQL database (`databaseUrl`) that several machines may share.
 *
 * @example
 * const store = await createStore({ file: join(home, 'trainyard.db') });
 * // `owner` defaults to this process; tests pass another to play a second process on the same file.
 * const shared = await createStore({ databaseUrl: 'postgres://ty@db/trainyard' });
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  const target: StoreTarget =
    'databaseUrl' in options ? { databaseUrl: options.databaseUrl } : { file: options.file };
  const file = describeStoreTarget(target);
  const owner = options.owner ?? currentProcessOwner();
  const db = openDatabase(target, options);

  const { error, results } = await new Migrator({ db, provider: inCodeMigrations }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Could not migrate the store at ${file} (migration ${failed}): ${String(error)}`, {
      cause: error,
    });
  }

  return {
    target,
    file,
    shared: 'databaseUrl' in target,
    owner,
    runs: createRunStore(db, owner),
    sweeps: createSweepStore(db, owner),
    models: createModelStore(db),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * The store's Kysely, migrations not run (createStore runs them; tests use it to stage old schemas).
 *
 * @example const db = openDatabase({ file: ':memory:' }); await db.destroy();
 */
export function openDatabase(
  target: StoreTarget,
  options: Pick<StoreOptions, 'onError' | 'reconnectMs'> = {},
): Kysely<StoreSchema> {
  if ('file' in target) {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    return new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: openSqlite(target.file) }) });
  }
  return openPostgres(target.databaseUrl, {
    onError: options.onError ?? ((err, context) => console.error(`[trainyard] ${context}:`, err)),
    ...(options.reconnectMs !== undefined ? { reconnectMs: options.reconnectMs } : {}),
  });
}
