import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudioClient } from './studioClient.js';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createStudioClient', () => {
  it('looks up the global fetch at call time, not at creation, for the studio and its api', async () => {
    const studio = createStudioClient('http://host:1');
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/api/datasets') ? json({ datasets: [] }) : json({ runs: [] }),
    );
    vi.stubGlobal('fetch', fetch);
    await studio.listRuns();
    await studio.api.getDatasetManifest();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('names the web client and sends the token on every request', async () => {
    const fetch = vi.fn(async (_url: string, _init?: { headers: Record<string, string> }) =>
      json({ runs: [] }),
    );
    const studio = createStudioClient('http://host:1', { token: 's3cret', fetch });
    await studio.listRuns({ framework: 'pytorch' });
    expect(studio.token).toBe('s3cret');
    expect(fetch.mock.calls[0]![0]).toBe('http://host:1/api/runs?framework=pytorch');
    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({
      'x-trainyard-client': 'web',
      authorization: 'Bearer s3cret',
    });
  });
});
