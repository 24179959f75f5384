import { describe, expect, it, vi } from 'vitest';
import { createDatasetRowsCache } from './datasetRowsCache.js';
import { deferred, rowsOf } from './testFixtures.js';
import type { DatasetRows, DatasetRowsPage } from './types.js';

const fakeApi = () => ({
  getDatasetRows: vi.fn(async (id: string, _page?: DatasetRowsPage) => rowsOf(id)),
});

describe('dataset rows cache (REQ-002)', () => {
  it('AC-002 does not call the rows API for a dataset already cached', async () => {
    const api = fakeApi();
    const cache = createDatasetRowsCache(api);
    const first = await cache.get('A');
    expect(api.getDatasetRows).toHaveBeenCalledTimes(1);
    expect(cache.has('A')).toBe(true);
    expect(await cache.get('A')).toBe(first);
    expect(api.getDatasetRows).toHaveBeenCalledTimes(1);
  });

  it('shares one call between two concurrent gets of a new dataset', async () => {
    const answer = deferred<DatasetRows>();
    const api = { getDatasetRows: vi.fn(() => answer.promise) };
    const cache = createDatasetRowsCache(api);
    const both = Promise.all([cache.get('A'), cache.get('A')]);
    answer.resolve(rowsOf('A'));
    const [a, b] = await both;
    expect(a).toEqual(rowsOf('A'));
    expect(b).toBe(a);
    expect(api.getDatasetRows).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failed fetch, so the next get tries again', async () => {
    const api = {
      getDatasetRows: vi
        .fn()
        .mockRejectedValueOnce(new Error('Server down'))
        .mockResolvedValueOnce(rowsOf('A')),
    };
    const cache = createDatasetRowsCache(api);
    await expect(cache.get('A')).rejects.toThrow('Server down');
    expect(cache.has('A')).toBe(false);
    await expect(cache.get('A')).resolves.toEqual(rowsOf('A'));
    expect(api.getDatasetRows).toHaveBeenCalledTimes(2);
  });

  it('keeps datasets apart and fetches again after invalidate', async () => {
    const api = fakeApi();
    const cache = createDatasetRowsCache(api);
    await cache.get('A');
    await cache.get('B');
    expect(cache.has('A') && cache.has('B')).toBe(true);
    cache.invalidate('A');
    expect(cache.has('A')).toBe(false);
    expect(cache.has('B')).toBe(true);
    await cache.get('A');
    expect(api.getDatasetRows).toHaveBeenCalledTimes(3);
  });

  it('caches each page of a dataset separately and invalidates them all', async () => {
    const api = fakeApi();
    const cache = createDatasetRowsCache(api);
    await cache.get('A', { offset: 100, limit: 100 });
    expect(api.getDatasetRows).toHaveBeenLastCalledWith('A', { offset: 100, limit: 100 });
    expect(cache.has('A', { offset: 100, limit: 100 })).toBe(true);
    expect(cache.has('A')).toBe(false);
    await cache.get('A', { limit: 100, offset: 100 });
    expect(api.getDatasetRows).toHaveBeenCalledTimes(1);
    cache.invalidate('A');
    expect(cache.has('A', { offset: 100, limit: 100 })).toBe(false);
  });
});
