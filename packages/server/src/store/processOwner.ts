/**
 * Who is executing a run or a sweep. Several processes may open one data directory at once (the
 * server, and the CLI's embedded studio in another terminal), so start-up repair must only touch
 * what a process that is gone left behind.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessOwner {
  /** The machine, and on Linux its pid namespace, so pids of containers sharing a hostname differ. */
  host: string;
  pid: number;
  /** The process's start time as the OS reports it: a reused pid has another one. */
  token: string;
}

export const sameProcessOwner = (a: ProcessOwner, b: ProcessOwner): boolean =>
  a.pid === b.pid && a.host === b.host && a.token === b.token;

let current: ProcessOwner | undefined;

/**
 * This process as an owner (computed once).
 *
 * @example await store.sweeps.insert(sweep); // stamped with currentProcessOwner()
 */
export function currentProcessOwner(): ProcessOwner {
  // Where the OS will not say, a random token: nobody can then confirm it, so the pid alone counts.
  current ??= ownerOfProcess(process.pid) ?? {
    host: hostIdentity(),
    pid: process.pid,
    token: `random:${randomUUID()}`,
  };
  return current;
}

/** A running process on this host as an owner; undefined when its start time cannot be read. */
export function ownerOfProcess(pid: number): ProcessOwner | undefined {
  const token = startToken(pid);
  return token === undefined ? undefined : { host: hostIdentity(), pid, token };
}

/**
 * Whether `owner` may still be executing what it owns. Only a process on this host can be checked:
 * it is gone when its pid is free (ESRCH), a zombie, or now belongs to a process started at another
 * time. An owner on another host, or one whose start time cannot be read, counts as alive: leaving
 * a dead owner's rows 'running' is recoverable, interrupting a live sweep is not.
 *
 * @example if (!isProcessOwnerAlive(owner)) await store.runs.failRunningOf(owner, 'interrupted', at);
 */
export function isProcessOwnerAlive(
  owner: ProcessOwner,
  here: ProcessOwner = currentProcessOwner(),
): boolean {
  if (owner.host !== here.host) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: the pid exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const token = startToken(owner.pid);
  if (token === undefined) return true;
  return token === owner.token && !isZombie(owner.pid);
}

/** "process 1234", with the host when it is not this one (for messages). */
export function describeProcessOwner(
  owner: ProcessOwner,
  here: ProcessOwner = currentProcessOwner(),
): string {
  return owner.host === here.host ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
}

let host: string | undefined;
function hostIdentity(): string {
  try {
    host ??= `${hostname()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    host = hostname();
  }
  return host;
}

/** Linux: boot id + start time in clock ticks since boot; elsewhere `ps`'s start time; else unknown. */
function startToken(pid: number): string | undefined {
  if (process.platform === 'linux') {
    const fields = procStat(pid);
    if (!fields) return undefined;
    // starttime is field 22 of /proc/<pid>/stat; `fields` starts at field 3. Ticks restart at boot.
    return `${bootId()}:${fields[19]}`;
  }
  if (process.platform === 'win32') return undefined;
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, LC_ALL: 'C' },
    }).trim();
    return started || undefined;
  } catch {
    return undefined;
  }
}

let boot: string | undefined;
function bootId(): string {
  try {
    boot ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    boot = 'unknown-boot';
  }
  return boot;
}

function isZombie(pid: number): boolean {
  return process.platform === 'linux' && procStat(pid)?.[0] === 'Z';
}

/** Fields 3.. of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
  } catch {
    return undefined;
  }
}
