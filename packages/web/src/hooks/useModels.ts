import { errorMessage, type ModelSummary } from '@trainyard/core';
import { useCallback, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type ResourceState, useServerResource } from './useServerResource.js';

/** Saved models from the server, with delete; a failed delete comes back as `deleteError`. */
export function useModels(): {
  state: ResourceState<ModelSummary[]>;
  reload(): void;
  remove(modelId: string): Promise<void>;
  deleteError: string | null;
} {
  const { studio } = useStudioServices();
  const { state, reload } = useServerResource(() => studio.listModels(), 'models');
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = useCallback(
    async (modelId: string) => {
      setDeleteError(null);
      try {
        await studio.deleteModel(modelId);
      } catch (err) {
        setDeleteError(errorMessage(err));
      }
      reload();
    },
    [studio, reload],
  );
  return { state, reload, remove, deleteError };
}
