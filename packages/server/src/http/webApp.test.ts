import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/testApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('web app', () => {
  it('explains how to build the web app when there is no build', async () => {
    t = await createTestApp();
    for (const url of ['/', '/runs']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('npm run build --workspace @trainyard/web');
    }
  });

  it('serves the build with a single-page-app fallback, but JSON 404s under /api', async () => {
    t = await createTestApp();
    const webRoot = join(t.home, 'web');
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root">studio</div>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("app")');
    await t.app.close();
    const { buildApp } = await import('./buildApp.js');
    t.app = await buildApp({ studio: t.studio, webRoot });

    expect((await t.app.inject('/')).body).toContain('studio');
    expect((await t.app.inject('/assets/app.js')).body).toContain('console.log');
    const deep = await t.app.inject('/pytorch/runs');
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('studio');
    const api = await t.app.inject('/api/unknown');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
    const traversal = await t.app.inject('/assets/..%2F..%2F..%2Ftrainyard.db');
    expect(traversal.body).not.toContain('SQLite');
  });

  it('serves a precompressed asset to a client that accepts it, with immutable caching for hashed names', async () => {
    t = await createTestApp();
    const webRoot = join(t.home, 'web');
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root">studio</div>');
    const js = 'console.log("app");'.repeat(100);
    writeFileSync(join(webRoot, 'assets', 'index-BBfCRlvD.js'), js);
    writeFileSync(join(webRoot, 'assets', 'index-BBfCRlvD.js.br'), brotliCompressSync(js));
    writeFileSync(join(webRoot, 'assets', 'index-BBfCRlvD.js.gz'), gzipSync(js));
    await t.app.close();
    const { buildApp } = await import('./buildApp.js');
    t.app = await buildApp({ studio: t.studio, webRoot });

    const br = await t.app.inject({
      url: '/assets/index-BBfCRlvD.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const gz = await t.app.inject({
      url: '/assets/index-BBfCRlvD.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject('/assets/index-BBfCRlvD.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
    const shell = await t.app.inject('/');
    expect(shell.headers['cache-control']).toBe('no-cache');
  });
});
