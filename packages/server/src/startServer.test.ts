import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './startServer.js';

let home: string | undefined;
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
});

describe('startServer', () => {
  it('refuses a non-loopback address without a token, saying how to fix it', async () => {
    await expect(startServer({ host: '0.0.0.0', port: 0, token: '' })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0 without a token.*TRAINYARD_TOKEN/,
    );
  });

  it('listens on loopback at an ephemeral port and closes cleanly', async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-start-'));
    const server = await startServer({ port: 0, home, logger: false, webRoot: join(home, 'none') });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/datasets`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { datasets: unknown[] }).datasets.length).toBeGreaterThan(0);
    await server.close();
    await expect(fetch(`${server.url}/api/datasets`)).rejects.toThrow();
  });

  it('requires the token on every /api route when one is set', async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-start-'));
    const server = await startServer({
      port: 0,
      home,
      token: 'abcdefghijklmnopqrstuvwx',
      logger: false,
      webRoot: join(home, 'none'),
    });
    try {
      expect((await fetch(`${server.url}/api/datasets`)).status).toBe(401);
      const ok = await fetch(`${server.url}/api/datasets`, {
        headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwx' },
      });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
