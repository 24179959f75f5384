import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanStaleTempDirs, tempDirName } from '@trainyard/trainers';

/** Where uploads are received before they are imported: `<home>/tmp`. */
export const uploadDirOf = (home: string): string => join(home, 'tmp');

/**
 * A fresh name for an upload in progress. Like the trainers' temporary folders it carries the
 * writer's pid, so a later start can tell a half-written upload of a killed process from one
 * another live process is still receiving. The name is ours, never the client's: no request text
 * reaches the filesystem.
 */
export const uploadFileName = (): string => `${tempDirName(`upload-${randomUUID()}`)}.csv`;

/** Names of uploads from before they carried a pid: no process can still be writing them. */
const PID_LESS_UPLOAD = /^upload-[0-9a-f-]+\.csv$/;

/**
 * Removes the uploads killed processes left half-written in `dir`; returns how many. Uploads of
 * live processes stay.
 *
 * @example await removeStaleUploads(uploadDirOf(home));
 */
export async function removeStaleUploads(dir: string): Promise<number> {
  let removed = cleanStaleTempDirs(dir).length;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names.filter((n) => PID_LESS_UPLOAD.test(n))) {
    await rm(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
