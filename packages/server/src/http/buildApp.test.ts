import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_HEADERS,
  createTestApp,
  expectStillServing,
  sweepBody,
  type TestApp,
  trainBody,
} from '../testing/testApp.js';
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

  it('answers a deeply nested JSON body with 400 naming the body, on every JSON route', async () => {
    await t.close();
    t = await createTestApp();
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const [url, payload] of [
      ['/api/pytorch/train', `{"datasetId":${deep}}`],
      ['/api/tensorflow/distill', `{"teacherModelId":${deep}}`],
      ['/api/sweeps', `{"framework":${deep}}`],
      ['/api/sweeps', deep],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toEqual({
        code: 'VALIDATION',
        message: 'Request body is nested more than 64 levels deep; send a flat JSON object of the fields',
        field: 'body',
      });
    }
    // Brackets inside strings are text, not nesting.
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/pytorch/train',
      payload: { ...trainBody, datasetId: '['.repeat(200) },
    });
    expect(text.json().error.field).toBe('datasetId');
    await expectStillServing(t.app);
  });

  it('answers a sweep list of 131,000 distinct values at once, naming the field', async () => {
    await t.close();
    t = await createTestApp();
    // 131,000 distinct rates (.1, .2, ... .131000) fit under the 1 MiB body limit.
    const learningRates = Array.from({ length: 131_000 }, (_, i) => `.${i + 1}`).join(',');
    const started = performance.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sweeps',
      payload: { ...sweepBody, learningRates },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'VALIDATION',
      message: 'Learning rate values are too many: 131000 (at most 1000 per list)',
      field: 'learningRates',
    });
  });

  it("gives Fastify's own URL errors the error shape, and an over-long id 400 on every method", async () => {
    const bad = await t.app.inject('/api/%');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', field: 'url' });
    const long = 'a'.repeat(150);
    for (const [method, url] of [
      ['GET', `/api/runs/${long}`],
      ['DELETE', `/api/runs/${long}`],
      ['GET', `/api/models/${long}/download`],
      ['POST', `/api/sweeps/${long}/cancel`],
      ['GET', `/api/datasets/${'b'.repeat(20_000)}/rows`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: CLIENT_HEADERS });
      expect(res.statusCode, `${method} ${url.slice(0, 30)}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'id' });
    }
    await expectStillServing(t.app);
  });

  it('says the content type is wrong when a JSON route gets text or a form', async () => {
    for (const type of ['text/plain', 'text/csv', 'multipart/form-data; boundary=x']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/pytorch/train',
        headers: { ...CLIENT_HEADERS, 'content-type': type },
        payload: JSON.stringify({ datasetId: 'iris' }),
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'Content-Type' });
      expect(res.json().error.message).toContain('application/json');
    }
  });

  it('answers 503 in the error shape while the studio shuts down', async () => {
    const closed = t.app.close();
    const res = await t.app.inject('/api/health');
    await closed;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: {
        code: 'ENGINE_UNAVAILABLE',
        message: 'The studio is shutting down; try again once it is back',
      },
    });
  });
});
