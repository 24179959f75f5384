/**
 * Temporary directories that are renamed into place when complete (atomic on one filesystem).
 * Their names carry the owning process id, so start-up cleaning removes what a crashed process
 * left behind without touching the work of another live process sharing the data directory.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = '.tmp-';

/** `.tmp-<pid>-<id>` */
export function tempDirName(id: string): string {
  return `${PREFIX}${process.pid}-${id}`;
}

/** Removes `.tmp-<pid>-*` entries under `parent` whose process is gone. Returns the names removed. */
export function cleanStaleTempDirs(parent: string): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
