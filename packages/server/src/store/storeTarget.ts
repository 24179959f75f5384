/**
 * Where the store lives: a SQLite file under the data directory (the embedded default), or a
 * PostgreSQL database that several machines share (TRAINYARD_DATABASE_URL).
 */
import { join } from 'node:path';

export type StoreTarget = { file: string } | { databaseUrl: string };

/**
 * The store a studio over `home` opens: PostgreSQL when TRAINYARD_DATABASE_URL is set, else
 * `<home>/trainyard.db`. A URL that is not postgres:// is refused naming the variable.
 *
 * @example storeTargetFromEnv('/srv/ty', { TRAINYARD_DATABASE_URL: 'postgres://ty@db/ty' })
 * // => { databaseUrl: 'postgres://ty@db/ty' }
 */
export function storeTargetFromEnv(home: string, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  const url = env.TRAINYARD_DATABASE_URL?.trim();
  if (!url) return { file: join(home, 'trainyard.db') };
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      `TRAINYARD_DATABASE_URL must be a postgres:// or postgresql:// URL, got "${redactUrl(url)}"`,
    );
  }
  return { databaseUrl: url };
}

/** The target for messages and logs: the file, or the URL without its password. */
export function describeStoreTarget(target: StoreTarget): string {
  return 'file' in target ? target.file : redactUrl(target.databaseUrl);
}

function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
