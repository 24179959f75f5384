/**
 * Test harness: a real, throw-away PostgreSQL server (Debian's postgresql package) in a temporary
 * folder on a free loopback port, one per test file. As root it runs as the `postgres` user, which
 * initdb requires. Missing binaries fail loudly: CI must install postgresql, not skip these tests.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '../../../trainers/src/testing/freePort.js';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/ */
  readonly baseUrl: string;
  readonly port: number;
  /** A new empty database; returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: open connections are dropped), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Where Debian puts the server binaries (initdb and pg_ctl are not on PATH). */
function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(
      `PostgreSQL server binaries not found under ${root}: install Debian's postgresql ` +
        '(bash scripts/install-system-deps.sh --with-browser, as make test does)',
    );
  }
  return join(root, versions[0], 'bin');
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Runs initdb and pg_ctl start; stops the server by pid on close() and on process exit.
 *
 * @example
 * let pgServer: PostgresServer;
 * beforeAll(async () => { pgServer = await startPostgresServer(); });
 * afterAll(() => pgServer.close());
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = findBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'trainyard-pg-'));
  const data = join(dir, 'data');
  const run = (command: string, args: string[]) => {
    const argv = isRoot() ? ['-u', 'postgres', '--', join(bin, command), ...args] : args;
    execFileSync(isRoot() ? 'runuser' : join(bin, command), argv, { stdio: 'pipe' });
  };
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  let pid: number | undefined;
  const killNow = () => {
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killNow);

  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (err) {
    killNow();
    throw new Error(`initdb failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`);
  }
  // Durability is not what these tests measure: skip fsync so a server starts in well under a second.
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = async () => {
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', 'start']);
    pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  };
  const stop = async () => {
    if (pid === undefined) return;
    const stopping = pid;
    pid = undefined;
    try {
      process.kill(stopping, 'SIGINT'); // fast shutdown
    } catch {
      return;
    }
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(stopping, 0);
      } catch {
        return;
      }
      await sleep(25);
    }
    process.kill(stopping, 'SIGKILL');
  };
  try {
    await start();
  } catch (err) {
    killNow();
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    throw new Error(`pg_ctl start failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}\n${log}`);
  }

  const baseUrl = `postgres://postgres@127.0.0.1:${port}/`;
  let databases = 0;
  return {
    baseUrl,
    port,
    async createDatabase() {
      const name = `trainyard_test_${++databases}`;
      const client = new pg.Client({ connectionString: `${baseUrl}postgres` });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `${baseUrl}${name}`;
    },
    stop,
    start,
    async close() {
      await stop();
      process.removeListener('exit', killNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
