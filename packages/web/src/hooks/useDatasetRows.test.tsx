import { cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { useDatasetRows } from './useDatasetRows.js';

afterEach(cleanup);

const rowCalls = (api: ReturnType<typeof createFakeMlApi>, id: string) =>
  api.calls.filter((c) => c.method === 'getDatasetRows' && c.args[0] === id).length;

describe('useDatasetRows', () => {
  it('AC-002: revisiting a cached dataset makes no rows request', async () => {
    const api = createFakeMlApi();
    const { result, rerender } = renderWithApi((id: string) => useDatasetRows(id), api, {
      initialProps: 'a',
    });
    await waitFor(() => expect(result.current.status).toBe('done'));
    rerender('b');
    await waitFor(() => expect(result.current).toMatchObject({ status: 'done', datasetId: 'b' }));
    rerender('a');
    await waitFor(() => expect(result.current).toMatchObject({ status: 'done', datasetId: 'a' }));
    expect(rowCalls(api, 'a')).toBe(1);
    expect(rowCalls(api, 'b')).toBe(1);
  });

  it('stays idle without a dataset id', () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => useDatasetRows(null), api);
    expect(result.current.status).toBe('idle');
    expect(api.calls).toHaveLength(0);
  });

  it('reports a failed fetch and tries again on the next visit (failures are not cached)', async () => {
    const api = createFakeMlApi();
    const ok = api.rows;
    api.rows = async () => {
      throw new Error('Dataset not found: a');
    };
    const first = renderWithApi((id: string) => useDatasetRows(id), api, { initialProps: 'a' });
    await waitFor(() =>
      expect(first.result.current).toMatchObject({ status: 'failed', error: 'Dataset not found: a' }),
    );
    first.unmount();
    api.rows = ok;
    const second = renderWithApi((id: string) => useDatasetRows(id), api, { initialProps: 'a' });
    await waitFor(() => expect(second.result.current.status).toBe('done'));
    expect(rowCalls(api, 'a')).toBe(2);
  });
});
