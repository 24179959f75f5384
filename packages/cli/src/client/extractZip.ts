import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Entry, fromBufferPromise } from 'yauzl';

/**
 * Writes a zip's files under `dir` and returns their relative names. yauzl refuses absolute and
 * `..` entry names, and files are opened with 'wx' so an export never overwrites what is there.
 */
export async function extractZip(zip: Uint8Array, dir: string): Promise<string[]> {
  const zipfile = await fromBufferPromise(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  const written: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zipfile.on('error', reject);
      zipfile.on('end', () => resolve());
      zipfile.on('entry', (entry: Entry) => {
        write(entry).then(() => zipfile.readEntry(), reject);
      });
      zipfile.readEntry();
    });
  } finally {
    zipfile.close();
  }
  return written;

  async function write(entry: Entry): Promise<void> {
    if (entry.fileName.endsWith('/')) return;
    const target = join(dir, entry.fileName);
    await mkdir(dirname(target), { recursive: true });
    await pipeline(await zipfile.openReadStreamPromise(entry), createWriteStream(target, { flags: 'wx' }));
    written.push(entry.fileName);
  }
}
