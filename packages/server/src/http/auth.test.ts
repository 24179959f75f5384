import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectStillServing, sweepBody, type TestApp } from '../testing/testApp.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ token: 's3cret' });
});
afterEach(() => t.close());

describe('bearer token', () => {
  it('refuses /api requests without the token or with a wrong one', async () => {
    const none = await t.app.inject('/api/health');
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toMatchObject({ code: 'UNAUTHORIZED', field: 'Authorization' });
    const wrong = await t.app.inject({ url: '/api/runs', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const unknownRoute = await t.app.inject('/api/anything');
    expect(unknownRoute.statusCode).toBe(401);
  });

  it('accepts the right token on every /api route', async () => {
    await expectStillServing(t.app, { authorization: 'Bearer s3cret' });
    const res = await t.app.inject({ url: '/api/datasets', headers: { authorization: 'Bearer s3cret' } });
    expect(res.statusCode).toBe(200);
  });

  it('accepts ?token= only on the routes a browser opens directly', async () => {
    expect((await t.app.inject('/api/runs?token=s3cret')).statusCode).toBe(401);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      payload: sweepBody,
      headers: { authorization: 'Bearer s3cret' },
    });
    const { sweep } = created.json();
    expect((await t.app.inject(`/api/sweeps/${sweep.id}/events?token=s3cret`)).statusCode).toBe(200);
    expect((await t.app.inject(`/api/sweeps/${sweep.id}/events?token=bad`)).statusCode).toBe(401);
  });

  it('serves the web page without a token (the page itself holds no data)', async () => {
    expect((await t.app.inject('/')).statusCode).toBe(200);
  });
});

describe('bearer token against encoded paths', () => {
  it('cannot be walked around with percent-encoding, doubled slashes or case', async () => {
    const t2 = await createTestApp({ token: 's3cret' });
    try {
      for (const url of [
        '/%61pi/health',
        '/%61pi/runs',
        '//api/health',
        '/api//health',
        '/API/health',
        '/api/health/',
      ]) {
        const res = await t2.app.inject(url);
        expect(res.body, url).not.toContain('"status":"ok"');
        expect(res.body, url).not.toContain('"runs"');
      }
    } finally {
      await t2.close();
    }
  });
});
