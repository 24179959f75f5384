import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectStillServing, type TestApp } from '../testing/testApp.js';
import { toErrorResponse } from './errorHandler.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ bodyLimit: 2048 });
});
afterEach(() => t.close());

describe('buildApp', () => {
  it('reports the version and each engine on /api/health', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      engines: { pytorch: { available: true }, tensorflow: { available: true } },
    });
  });

  it('answers malformed JSON with 400 VALIDATION naming the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/pytorch/train',
      headers: { 'content-type': 'application/json' },
      payload: '{"datasetId": "iris",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'body' });
    expect(res.json().error.message).toMatch(/^Request body is not valid JSON/);
    await expectStillServing(t.app);
  });

  it('answers an empty JSON body with 400 naming the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'body' });
  });

  it('answers a JSON body over the limit with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(4096) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body' });
    await expectStillServing(t.app);
  });

  it('answers an unsupported content type with 415 naming the header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/pytorch/train',
      headers: { 'content-type': 'application/xml' },
      payload: '<train/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'Content-Type' });
  });

  it('answers unknown /api routes with a helpful 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/runs'],
      ['DELETE', '/api/sweeps'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect(res.json().error.message).toContain(`No route ${method} ${url}`);
    }
    await expectStillServing(t.app);
  });

  it('never leaks the text of an unexpected error', () => {
    const { status, body, unexpected } = toErrorResponse(new Error('SQLITE_CORRUPT at /secret/path'));
    expect(status).toBe(500);
    expect(unexpected).toBe(true);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).not.toContain('secret');
  });
});
