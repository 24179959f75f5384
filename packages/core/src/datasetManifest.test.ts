import { describe, expect, it, vi } from 'vitest';
import { loadDatasetManifest, resolveSelectedDatasetId } from './datasetManifest.js';
import { dataset } from './testFixtures.js';

describe('dataset manifest (REQ-001)', () => {
  it('AC-001 selects the first dataset when none is selected and the options are [A,B]', async () => {
    const api = { getDatasetManifest: vi.fn(async () => [dataset('A'), dataset('B')]) };
    const loaded = await loadDatasetManifest(api, { selectedDatasetId: null });
    expect(loaded.selectedDatasetId).toBe('A');
    expect(loaded.options.map((o) => o.id)).toEqual(['A', 'B']);
    expect(api.getDatasetManifest).toHaveBeenCalledTimes(1);
  });

  it('keeps the selected dataset', async () => {
    const api = { getDatasetManifest: async () => [dataset('A'), dataset('B')] };
    expect((await loadDatasetManifest(api, { selectedDatasetId: 'B' })).selectedDatasetId).toBe('B');
  });

  it('falls back as selected ?? options[0]?.id ?? null', () => {
    expect(resolveSelectedDatasetId(undefined, [{ id: 'A' }])).toBe('A');
    expect(resolveSelectedDatasetId(null, [])).toBeNull();
    expect(resolveSelectedDatasetId('Z', [{ id: 'A' }])).toBe('Z');
  });

  it('passes a failing manifest load on to the caller', async () => {
    const api = { getDatasetManifest: async () => Promise.reject(new Error('Server down')) };
    await expect(loadDatasetManifest(api, { selectedDatasetId: null })).rejects.toThrow('Server down');
  });
});
