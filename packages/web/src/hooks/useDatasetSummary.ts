import type { DatasetSummary } from '@trainyard/core';
import { useStudioServices } from '../api/StudioServices.js';
import { type ResourceState, useServerResource } from './useServerResource.js';

/** The selected dataset's column summaries (GET /api/datasets/:id/summary); idle without an id. */
export function useDatasetSummary(datasetId: string | undefined): ResourceState<DatasetSummary | null> {
  const { studio } = useStudioServices();
  const { state } = useServerResource(
    async () => (datasetId ? studio.getDatasetSummary(datasetId) : null),
    datasetId ?? '',
  );
  return state;
}
