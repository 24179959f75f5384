/**
 * Where model folders and imported datasets live when several machines train: a directory every
 * machine mounts (`file:///…`) or an S3 bucket (`s3://bucket/prefix`, AWS or MinIO, Ceph, …).
 * Artifacts are folders of files under a key such as `models/m_…` or `datasets/<id>`. The embedded
 * default has no artifact store: models stay in `<home>/models` as they always have.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface ArtifactStore {
  /** `file:///…` or `s3://bucket/prefix`, for messages. */
  readonly location: string;
  /**
   * Stores every file of `localDir` under `key`, replacing what was there. Files named in `last`
   * are stored after the others, so a reader that waits for them never sees a partial folder.
   * Returns the stored file names (relative, `/`-separated, sorted).
   */
  putFolder(key: string, localDir: string, options?: { last?: string[] }): Promise<string[]>;
  /**
   * Copies the folder under `key` to `localDir` (replaced when it exists): it appears complete or
   * not at all. Returns the file names; throws an ArtifactNotFoundError when nothing is stored there.
   */
  getFolder(key: string, localDir: string): Promise<string[]>;
  /** The file names stored under `key` (relative, sorted); empty when none. */
  list(key: string): Promise<string[]>;
  /** Deletes everything under `key` (nothing to delete is fine). */
  removeFolder(key: string): Promise<void>;
}

export class ArtifactNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly key: string,
    location: string,
  ) {
    super(`No artifact ${key} in ${location}`);
  }
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Keys are built from checked ids; anything else is a programming error, never a path escape. */
export function checkArtifactKey(key: string): string {
  if (!key.split('/').every((s) => SEGMENT.test(s))) {
    throw new Error(`Artifact keys are /-separated names like models/m_abc, got "${key}"`);
  }
  return key;
}

/** Every file under `dir`, relative and `/`-separated, sorted. */
export async function localFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** `files` with those named in `last` moved to the end. */
export function lastOnes(files: string[], last: string[] = []): string[] {
  return [...files.filter((f) => !last.includes(f)), ...files.filter((f) => last.includes(f))];
}

/**
 * Fills a temporary sibling of `localDir`, then renames it into place, so a crash mid-copy never
 * leaves a folder that looks complete (workers cache datasets by id on this).
 */
export async function fillFolderAtomically(
  localDir: string,
  fill: (tmp: string) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(localDir), { recursive: true });
  const tmp = `${localDir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  const old = `${localDir}.old-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    await mkdir(tmp);
    await fill(tmp);
    await rename(localDir, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(tmp, localDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}
