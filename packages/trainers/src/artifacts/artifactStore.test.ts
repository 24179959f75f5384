import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type S3Server, startS3Server } from '../testing/s3Server.js';
import { ArtifactNotFoundError, type ArtifactStore, lastOnes } from './artifactStore.js';
import { openArtifactStore } from './openArtifactStore.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trainyard-artifacts-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A model-like folder: weights in a subfolder, metadata written last. */
function writeFolder(path: string, files: Record<string, string | Uint8Array>): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(path, name, '..'), { recursive: true });
    writeFileSync(join(path, name), content);
  }
  return path;
}
const weights = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);

// One suite, both backends: a directory every machine mounts, and an S3 server (a real process).
describe.each(['file', 's3'] as const)('the %s artifact store', (backend) => {
  let s3: S3Server;
  if (backend === 's3') {
    beforeAll(async () => {
      s3 = await startS3Server();
    });
    afterAll(() => s3?.close());
  }
  let runs = 0;
  let location: string;
  /** Another machine opening the same location. */
  const open = (): ArtifactStore =>
    backend === 's3'
      ? openArtifactStore(location, { endpoint: s3.endpoint, credentials: s3.credentials })
      : openArtifactStore(location);
  beforeEach(() => {
    location =
      backend === 's3' ? `s3://${s3.bucket}/run-${++runs}/prod` : `file://${join(dir, 'shared', 'mount')}`;
  });

  it('stores a folder that another machine gets back byte for byte', async () => {
    const model = writeFolder(join(dir, 'model'), {
      'model.json': '{"format":"layers-model"}',
      'weights/group1.bin': weights,
      'metadata.json': '{"modelId":"m_aaaaaaaaaaaaaaaa"}',
    });
    const here = open();
    expect(await here.putFolder('models/m_aaaaaaaaaaaaaaaa', model, { last: ['metadata.json'] })).toEqual([
      'metadata.json',
      'model.json',
      'weights/group1.bin',
    ]);

    const there = open();
    const copy = join(dir, 'cache', 'm_aaaaaaaaaaaaaaaa');
    expect(await there.getFolder('models/m_aaaaaaaaaaaaaaaa', copy)).toEqual([
      'metadata.json',
      'model.json',
      'weights/group1.bin',
    ]);
    expect(new Uint8Array(readFileSync(join(copy, 'weights/group1.bin')))).toEqual(weights);
    expect(readFileSync(join(copy, 'model.json'), 'utf8')).toBe('{"format":"layers-model"}');
    expect(await there.list('models')).toEqual([
      'm_aaaaaaaaaaaaaaaa/metadata.json',
      'm_aaaaaaaaaaaaaaaa/model.json',
      'm_aaaaaaaaaaaaaaaa/weights/group1.bin',
    ]);
  });

  it('replaces a folder and a local copy whole, leaving no file of the old version', async () => {
    const store = open();
    await store.putFolder(
      'datasets/d1',
      writeFolder(join(dir, 'v1'), { 'data.csv': 'a\n1\n', 'old.txt': 'x' }),
    );
    const copy = join(dir, 'cache', 'd1');
    await store.getFolder('datasets/d1', copy);
    await store.putFolder('datasets/d1', writeFolder(join(dir, 'v2'), { 'data.csv': 'a\n2\n' }));
    expect(await store.list('datasets/d1')).toEqual(['data.csv']);
    expect(await store.getFolder('datasets/d1', copy)).toEqual(['data.csv']);
    expect(readFileSync(join(copy, 'data.csv'), 'utf8')).toBe('a\n2\n');
    expect(() => readFileSync(join(copy, 'old.txt'))).toThrow();
  });

  it('says what is missing, and removes a folder (twice is fine)', async () => {
    const store = open();
    expect(await store.list('models/m_nothing')).toEqual([]);
    await expect(store.getFolder('models/m_nothing', join(dir, 'x'))).rejects.toBeInstanceOf(
      ArtifactNotFoundError,
    );
    await store.putFolder('models/m_b', writeFolder(join(dir, 'b'), { 'model.pt': weights }));
    await store.removeFolder('models/m_b');
    await store.removeFolder('models/m_b');
    expect(await store.list('models/m_b')).toEqual([]);
    await expect(store.getFolder('models/m_b', join(dir, 'y'))).rejects.toThrow(
      `No artifact models/m_b in ${store.location}`,
    );
  });

  it('refuses a key that could leave its folder', async () => {
    const store = open();
    await expect(store.list('models/../../etc')).rejects.toThrow(
      'Artifact keys are /-separated names like models/m_abc, got "models/../../etc"',
    );
  });
});

describe('openArtifactStore', () => {
  it('opens a shared directory or an S3 bucket and prefix', () => {
    expect(openArtifactStore('file:///mnt/trainyard').location).toBe('file:///mnt/trainyard');
    expect(openArtifactStore('s3://bucket/team/prod/').location).toBe('s3://bucket/team/prod');
    expect(openArtifactStore('s3://bucket').location).toBe('s3://bucket');
  });

  it('refuses any other location, naming it', () => {
    for (const bad of [
      '/mnt/trainyard',
      'file://host/mnt',
      'http://minio:9000/bucket',
      's3://',
      'file:///',
    ]) {
      expect(() => openArtifactStore(bad)).toThrow(
        `expected file:///absolute/path or s3://bucket/prefix, got "${bad}"`,
      );
    }
  });

  it('stores the files named last after the others', () => {
    expect(lastOnes(['a', 'metadata.json', 'z'], ['metadata.json'])).toEqual(['a', 'z', 'metadata.json']);
  });
});
