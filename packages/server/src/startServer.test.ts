import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
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

  it('refuses a blank or short token, saying how to make one', async () => {
    for (const [token, problem] of [
      [' ', 'blank'],
      ['x', 'too short'],
      ['123456789012345', 'too short'],
    ] as const) {
      await expect(startServer({ port: 0, token, logger: false })).rejects.toThrow(
        new RegExp(`TRAINYARD_TOKEN is ${problem}: use at least 16 random characters.*openssl rand -hex 32`),
      );
    }
  });

  it('answers only Host names of its own address (and TRAINYARD_ALLOWED_HOSTS)', async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-start-'));
    const server = await startServer({
      port: 0,
      home,
      logger: false,
      webRoot: join(home, 'none'),
      allowedHosts: 'studio.lan',
    });
    const port = Number(new URL(server.url).port);
    const statusWithHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/health', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await statusWithHost('rebind.attacker.test')).toBe(403);
      expect(await statusWithHost(`localhost:${port + 1}`)).toBe(403);
      expect(await statusWithHost(`localhost:${port}`)).toBe(200);
      expect(await statusWithHost(`127.0.0.1:${port}`)).toBe(200);
      expect(await statusWithHost('studio.lan')).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('removes uploads a killed process left half-written, keeping those of live processes', async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-start-'));
    const tmp = join(home, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const uuid = '0b8c5f8e-1d2a-4f51-9a5e-3c1f2b7d9e10';
    const dead = join(tmp, `.tmp-999999999-upload-${uuid}.csv`);
    const old = join(tmp, `upload-${uuid}.csv`);
    const live = join(tmp, `.tmp-${process.pid}-upload-${uuid}.csv`);
    const other = join(tmp, 'notes.txt');
    for (const file of [dead, old, live, other]) writeFileSync(file, 'a,b\n1,');
    const server = await startServer({ port: 0, home, logger: false, webRoot: join(home, 'none') });
    await server.close();
    expect([dead, old, live, other].map((f) => existsSync(f))).toEqual([false, false, true, true]);
  });

  it('answers requests Node cannot parse in the error shape (an over-long URL, not HTTP)', async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-start-'));
    const server = await startServer({ port: 0, home, logger: false, webRoot: join(home, 'none') });
    const port = Number(new URL(server.url).port);
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    try {
      const long = await raw(
        `GET /api/runs/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      );
      expect(long).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4))).toEqual({
        error: {
          code: 'VALIDATION',
          message: 'The request line and headers are larger than 16 KiB (an over-long URL or id?)',
          field: 'request',
        },
      });
      const garbage = await raw('HELLO THERE\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(garbage).toContain('"code":"VALIDATION"');
    } finally {
      await server.close();
    }
  });
});
