import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_HEADERS, createTestApp, expectStillServing, type TestApp } from '../testing/testApp.js';
import { allowedHostsFor, parseAllowedHosts } from './originGuard.js';

let t: TestApp;
afterEach(() => t.close());

const csv = `a,b,label\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 3},${i % 2 ? 'x' : 'y'}`).join('\n')}\n`;
const datasetCount = async () => (await t.app.inject('/api/datasets')).json().datasets.length as number;

describe('writes a cross-site page could send', () => {
  it('refuses a text/plain or form upload without the client header, and stores nothing', async () => {
    t = await createTestApp();
    const before = await datasetCount();
    const boundary = 'b0';
    for (const [type, payload] of [
      ['text/plain', csv],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
      ],
      ['application/x-www-form-urlencoded', 'a=1'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/datasets?name=evil&target=label',
        headers: { 'content-type': type },
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', field: 'X-Trainyard-Client' });
      expect(res.json().error.message).toContain('X-Trainyard-Client');
    }
    expect(await datasetCount()).toBe(before);
    // The same upload with the header the studio's clients send goes in.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/datasets?name=mine&target=label',
      headers: { ...CLIENT_HEADERS, 'content-type': 'text/plain' },
      payload: csv,
    });
    expect(ok.json()).toMatchObject({ dataset: { name: 'mine' } });
  });

  it('refuses a body-less cancel, resume or delete without the header', async () => {
    t = await createTestApp();
    for (const [method, url] of [
      ['POST', '/api/sweeps/s1/cancel'],
      ['POST', '/api/sweeps/s1/resume'],
      ['DELETE', '/api/runs/r1'],
      ['DELETE', '/api/models/m1'],
      ['DELETE', '/api/datasets/d1'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.field).toBe('X-Trainyard-Client');
    }
    await expectStillServing(t.app);
  });

  it('lets through JSON, a CSV content type, a token, or the header; reads stay open', async () => {
    t = await createTestApp({ token: 'abcdefghijklmnopqrstuvwx' });
    const auth = { authorization: 'Bearer abcdefghijklmnopqrstuvwx' };
    // With Authorization alone (curl with a token) a body-less write reaches its route.
    const cancel = await t.app.inject({ method: 'POST', url: '/api/sweeps/nope/cancel', headers: auth });
    expect(cancel.statusCode).toBe(404);
    const json = await t.app.inject({ method: 'POST', url: '/api/sweeps', headers: auth, payload: {} });
    expect(json.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/runs', headers: auth })).statusCode).toBe(200);
  });

  it("refuses a write whose Origin is not the studio's own, or that says it is cross-site", async () => {
    t = await createTestApp();
    const send = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/sweeps/nope/cancel',
        headers: { ...CLIENT_HEADERS, host: '127.0.0.1:8787', ...headers },
      });
    for (const origin of ['http://127.0.0.1:9999', 'http://evil.example', 'null', 'file://']) {
      const res = await send({ origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', field: 'Origin' });
    }
    const crossSite = await send({ 'sec-fetch-site': 'cross-site' });
    expect(crossSite.json().error.field).toBe('Sec-Fetch-Site');
    // Its own page: same origin.
    expect(
      (await send({ origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(404);
  });
});

describe('Host check (DNS rebinding)', () => {
  it('answers only the names it was given, on every route, before the token', async () => {
    const hosts = allowedHostsFor('127.0.0.1', 8787, 'studio.lan');
    t = await createTestApp({ token: 'abcdefghijklmnopqrstuvwx', allowedHosts: () => hosts });
    const auth = { authorization: 'Bearer abcdefghijklmnopqrstuvwx' };
    for (const host of ['evil.example:8787', 'rebind.attacker.test', '127.0.0.1:9999', '']) {
      const res = await t.app.inject({ url: '/api/health', headers: { host } });
      expect(res.statusCode, host).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', field: 'Host' });
      expect(res.json().error.message).toContain('TRAINYARD_ALLOWED_HOSTS');
    }
    const page = await t.app.inject({ url: '/', headers: { host: 'evil.example' } });
    expect(page.statusCode).toBe(403);
    for (const host of ['127.0.0.1:8787', 'localhost:8787', '[::1]:8787', 'studio.lan', 'STUDIO.LAN:443']) {
      const res = await t.app.inject({ url: '/api/health', headers: { host, ...auth } });
      expect(res.statusCode, host).toBe(200);
    }
  });

  it('lists the bound address, its loopback twins, and the extra names', () => {
    expect(allowedHostsFor('127.0.0.1', 8787, undefined)).toEqual([
      'localhost:8787',
      '127.0.0.1:8787',
      '[::1]:8787',
    ]);
    expect(allowedHostsFor('192.168.1.5', 80, 'a.lan:8080, b.lan')).toEqual([
      '192.168.1.5:80',
      'a.lan:8080',
      'b.lan',
    ]);
    expect(allowedHostsFor('0.0.0.0', 1, undefined, ['box', '10.0.0.2'])).toContain('10.0.0.2:1');
    expect(() => parseAllowedHosts('http://x.lan/')).toThrow(/TRAINYARD_ALLOWED_HOSTS.*"http:\/\/x\.lan\/"/);
  });
});
