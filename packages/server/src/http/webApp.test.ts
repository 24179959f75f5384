import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
