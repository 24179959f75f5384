import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where uploads are received before they are imported: `<home>/tmp`. */
export const uploadDirOf = (home: string): string => join(home, 'tmp');

const UPLOAD_FILE = /^upload-(?:(\d+)-)?[0-9a-f-]+\.csv$/;

/**
 * A fresh name for an upload in progress, carrying the writer's pid so a later start can tell a
 * half-written upload of a killed process from one another live process is still receiving.
 * The name is ours, never the client's: no request text reaches the filesystem.
 */
export const uploadFileName = (): string => `upload-${process.pid}-${randomUUID()}.csv`;

/**
 * Removes the uploads a killed process left half-written in `dir` (the process that wrote them is
 * gone); returns how many. Uploads of live processes on this machine stay.
 *
 * @example await removeStaleUploads(uploadDirOf(home));
 */
export async function removeStaleUploads(
  dir: string,
  isAlive: (pid: number) => boolean = pidAlive,
): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = UPLOAD_FILE.exec(name);
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && isAlive(pid)) continue;
    await rm(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
