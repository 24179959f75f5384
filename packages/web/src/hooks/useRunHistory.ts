import type { Framework, StoredRun } from '@trainyard/core';
import { useStudioServices } from '../api/StudioServices.js';
import { type ResourceState, useServerResource } from './useServerResource.js';

export interface RunFilter {
  framework?: Framework;
  datasetId?: string;
}

/**
 * Stored runs from the server (newest first), filtered by framework and dataset; `version` bumps
 * reload it (e.g. when a sweep finished).
 */
export function useRunHistory(
  filter: RunFilter,
  version: string | number = 0,
): { state: ResourceState<StoredRun[]>; reload(): void } {
  const { studio } = useStudioServices();
  const key = JSON.stringify([filter.framework ?? null, filter.datasetId ?? null, version]);
  return useServerResource(() => studio.listRuns(filter), key);
}
