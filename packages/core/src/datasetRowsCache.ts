import { QueryClient } from '@tanstack/query-core';
import type { MlApi } from './mlApi.js';
import type { DatasetRows, DatasetRowsPage } from './types.js';

export interface DatasetRowsCache {
  /** Fetches once per dataset id (and page), then serves the entry; concurrent calls share one fetch. */
  get(datasetId: string, page?: DatasetRowsPage): Promise<DatasetRows>;
  has(datasetId: string, page?: DatasetRowsPage): boolean;
  /** Drops every cached page of the dataset, e.g. after it was re-imported. */
  invalidate(datasetId: string): void;
}

export interface DatasetRowsCacheOptions {
  /** Share the app's QueryClient; a private one is created by default. */
  queryClient?: QueryClient;
}

const rowsKey = (datasetId: string, page: DatasetRowsPage | undefined) =>
  ['trainyard', 'datasetRows', datasetId, { offset: page?.offset ?? 0, limit: page?.limit ?? null }] as const;

/**
 * REQ-002 / AC-002: dataset rows cached per id on @tanstack/query-core, which also de-duplicates
 * in-flight requests. A failed fetch leaves no entry, so the next `get` tries again.
 *
 * @example const cache = createDatasetRowsCache(api); await cache.get('iris'); cache.has('iris') // true
 */
export function createDatasetRowsCache(
  api: Pick<MlApi, 'getDatasetRows'>,
  options: DatasetRowsCacheOptions = {},
): DatasetRowsCache {
  const client = options.queryClient ?? new QueryClient();
  return {
    get(datasetId, page) {
      return client.fetchQuery({
        queryKey: rowsKey(datasetId, page),
        queryFn: () =>
          page === undefined ? api.getDatasetRows(datasetId) : api.getDatasetRows(datasetId, page),
        // Rows of a stored dataset never change under the same id; invalidate() is the way to refresh.
        staleTime: Number.POSITIVE_INFINITY,
        gcTime: Number.POSITIVE_INFINITY,
        retry: false,
        // 'online' mode would pause forever when a browser thinks it is offline, even for a local server.
        networkMode: 'always',
      });
    },
    has(datasetId, page) {
      return client.getQueryData(rowsKey(datasetId, page)) !== undefined;
    },
    invalidate(datasetId) {
      client.removeQueries({ queryKey: ['trainyard', 'datasetRows', datasetId] });
    },
  };
}
