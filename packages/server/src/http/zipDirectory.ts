import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import yazl from 'yazl';

/**
 * A zip (as a stream) of every file under `dir`, plus in-memory extras (e.g. metadata.json) that the
 * folder lacks. File contents are read lazily while the archive streams out.
 *
 * @example reply.type('application/zip').send(await zipDirectory(modelDir, { 'metadata.json': json }));
 */
export async function zipDirectory(dir: string, extras: Record<string, string> = {}): Promise<Readable> {
  const zip = new yazl.ZipFile();
  const names = new Set<string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const name = relative(dir, full).split('\\').join('/');
    names.add(name);
    zip.addFile(full, name);
  }
  for (const [name, text] of Object.entries(extras)) {
    if (!names.has(name)) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  }
  zip.end();
  return zip.outputStream as Readable;
}
