import { describe, expect, it } from 'vitest';
import { type Injectable, injectFetch } from './injectFetch.js';

describe('injectFetch', () => {
  it('hands method, path, query, headers and body to inject and returns its answer as a Response', async () => {
    let seen: Parameters<Injectable['inject']>[0] | undefined;
    const app: Injectable = {
      async inject(opts) {
        seen = opts;
        return {
          statusCode: 201,
          headers: { 'content-type': 'application/json' },
          rawPayload: Buffer.from('{"ok":1}'),
        };
      },
    };
    const res = await injectFetch(app)('http://x.invalid/api/datasets?target=kind', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: 'Bearer t' },
      body: new TextEncoder().encode('a,b\n1,2\n'),
    });
    expect(seen).toMatchObject({ method: 'POST', url: '/api/datasets?target=kind' });
    expect(seen?.headers).toMatchObject({ 'content-type': 'text/csv', authorization: 'Bearer t' });
    expect(seen?.payload?.toString()).toBe('a,b\n1,2\n');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: 1 });
  });

  it('answers 204 with an empty body', async () => {
    const app: Injectable = {
      inject: async () => ({ statusCode: 204, headers: {}, rawPayload: Buffer.alloc(0) }),
    };
    const res = await injectFetch(app)('http://x.invalid/api/models/m1', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });
});
