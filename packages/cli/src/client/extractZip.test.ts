import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../testing/zipOf.js';
import { extractZip, ZipRefusedError } from './extractZip.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'ty-zip-'));

describe('extractZip', () => {
  it('unpacks every file and lists them', async () => {
    const dir = emptyDir();
    const zip = await zipOf({ 'model.json': '{}', 'weights/w.bin': 'abc', 'metadata.json': '{}' });
    expect(await extractZip(zip, dir)).toEqual(['model.json', 'weights/w.bin', 'metadata.json']);
  });

  it('refuses to write through a symbolic link, says which file, and leaves nothing of its own behind', async () => {
    const dir = emptyDir();
    const elsewhere = join(emptyDir(), 'target.json');
    symlinkSync(elsewhere, join(dir, 'metadata.json'));
    const zip = await zipOf({ 'model.json': '{}', 'weights/w.bin': 'abc', 'metadata.json': '{}' });
    const err = await extractZip(zip, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipRefusedError);
    expect((err as Error).message).toContain('metadata.json is already there (a symbolic link)');
    expect((err as Error).message).toContain("already holds this model's files");
    // The files and the folder it had written are gone; the user's link is untouched.
    expect(readdirSync(dir)).toEqual(['metadata.json']);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('refuses an archive that unpacks past the size limit, keeping nothing', async () => {
    const dir = emptyDir();
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'keep.txt'), 'user file');
    const zip = await zipOf({ 'a.bin': Buffer.alloc(600), 'mine/b.bin': Buffer.alloc(600) });
    await expect(extractZip(zip, dir, { maxBytes: 1000 })).rejects.toThrow(/unpacks to more than 1000 bytes/);
    expect(readdirSync(dir)).toEqual(['mine']);
    expect(readdirSync(join(dir, 'mine'))).toEqual(['keep.txt']);
  });
});
