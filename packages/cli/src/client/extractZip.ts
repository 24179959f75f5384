import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Entry, fromBufferPromise } from 'yauzl';

/** Most bytes one model export may unpack to; a real model is a few megabytes. */
export const MAX_EXTRACT_BYTES = 1024 * 1024 * 1024;

/** An archive refused before or while unpacking; its message says what was refused. Nothing is left behind. */
export class ZipRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipRefusedError';
  }
}

/**
 * Writes a zip's files under `dir` and returns their relative names. yauzl refuses absolute and
 * `..` entry names, and files are opened with 'wx' so an export never overwrites what is there (a
 * symbolic link included). The archive unpacks whole or not at all: on any refusal the files and
 * folders it created are removed. Over `maxBytes` unpacked it is refused (a zip bomb).
 *
 * @example await extractZip(await studio.downloadModel(id), './out') // ['model.pt', 'metadata.json']
 */
export async function extractZip(
  zip: Uint8Array,
  dir: string,
  opts: { maxBytes?: number } = {},
): Promise<string[]> {
  const maxBytes = opts.maxBytes ?? MAX_EXTRACT_BYTES;
  const zipfile = await fromBufferPromise(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  const written: string[] = [];
  const createdDirs: string[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zipfile.on('error', reject);
      zipfile.on('end', () => resolve());
      zipfile.on('entry', (entry: Entry) => {
        write(entry).then(() => zipfile.readEntry(), reject);
      });
      zipfile.readEntry();
    });
  } catch (err) {
    await removeCreated();
    throw err;
  } finally {
    zipfile.close();
  }
  return written;

  async function write(entry: Entry): Promise<void> {
    if (entry.fileName.endsWith('/')) return;
    total += entry.uncompressedSize;
    if (total > maxBytes) throw tooLarge();
    const target = join(dir, entry.fileName);
    const made = await mkdir(dirname(target), { recursive: true });
    if (made !== undefined) createdDirs.push(made);
    const existing = await lstat(target).catch(() => undefined);
    if (existing) {
      const what = existing.isSymbolicLink()
        ? 'a symbolic link'
        : existing.isDirectory()
          ? 'a folder'
          : 'a file';
      throw new ZipRefusedError(
        `${dir} already holds this model's files: ${entry.fileName} is already there (${what}), and an export never overwrites; nothing was written, export into an empty directory`,
      );
    }
    const out = createWriteStream(target, { flags: 'wx' });
    // Only once the file is ours (opened exclusively) may a later refusal remove it.
    await once(out, 'open');
    written.push(entry.fileName);
    // yauzl checks each entry against its declared size; this caps what is actually written too.
    let bytes = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > entry.uncompressedSize || total > maxBytes ? tooLarge() : null, chunk);
      },
    });
    await pipeline(await zipfile.openReadStreamPromise(entry), cap, out);
  }

  function tooLarge(): ZipRefusedError {
    return new ZipRefusedError(
      `The model archive unpacks to more than ${maxBytes} bytes; refused and nothing was kept (is it really a Trainyard model?)`,
    );
  }

  /** Removes what this extraction created: its files, then its (now empty) folders, deepest first. */
  async function removeCreated(): Promise<void> {
    for (const name of written) await rm(join(dir, name), { force: true });
    const dirs = new Set<string>();
    for (const name of written) {
      for (let d = dirname(join(dir, name)); d.length > dir.length; d = dirname(d)) dirs.add(d);
    }
    const ours = [...dirs].filter((d) => createdDirs.some((c) => d.startsWith(c)));
    for (const d of ours.sort((a, b) => b.length - a.length)) await rmdir(d).catch(() => {});
  }
}
