import { act, cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMlApi, dataset } from '../testing/fakeMlApi.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { useDatasetManifest } from './useDatasetManifest.js';

afterEach(cleanup);

describe('useDatasetManifest', () => {
  it('AC-001: selects the first dataset when nothing was selected and the manifest is [A, B]', async () => {
    const api = createFakeMlApi();
    api.manifest = [dataset('A'), dataset('B')];
    const { result } = renderWithApi(() => useDatasetManifest(), api);
    expect(result.current.state.status).toBe('loading');
    await waitFor(() => expect(result.current.state.status).toBe('done'));
    expect(result.current.state.selectedDatasetId).toBe('A');
    expect(result.current.selected?.name).toBe('A');
  });

  it('keeps the user’s selection when the manifest reloads', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => useDatasetManifest(), api);
    await waitFor(() => expect(result.current.state.status).toBe('done'));
    act(() => result.current.select('b'));
    await act(() => result.current.reload());
    expect(result.current.state.selectedDatasetId).toBe('b');
    expect(api.calls.filter((c) => c.method === 'getDatasetManifest')).toHaveLength(2);
  });

  it('keeps a dataset picked while the manifest was loading (a reattached sweep’s)', async () => {
    const api = createFakeMlApi();
    api.manifest = [dataset('A'), dataset('B')];
    const { result } = renderWithApi(() => useDatasetManifest(), api);
    act(() => result.current.select('B'));
    await waitFor(() => expect(result.current.state.status).toBe('done'));
    expect(result.current.state.selectedDatasetId).toBe('B');
  });

  it('shows a failed manifest load as an error state with the api’s message', async () => {
    const api = createFakeMlApi();
    api.getDatasetManifest = async () => {
      throw new Error('Cannot reach the Trainyard server at http://x');
    };
    const { result } = renderWithApi(() => useDatasetManifest(), api);
    await waitFor(() => expect(result.current.state.status).toBe('failed'));
    expect(result.current.state).toMatchObject({ error: 'Cannot reach the Trainyard server at http://x' });
  });
});
