import { type DatasetOption, errorMessage } from '@trainyard/core';
import { useCallback, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

export interface DatasetActions {
  /** Why the last rename or delete failed; cleared by the next one. */
  error: string | null;
  rename(id: string, name: string): Promise<DatasetOption | null>;
  /** How many stored runs were trained on the dataset (asked before deleting it). */
  runsUsing(id: string): Promise<number>;
  /** Deletes an uploaded dataset; `force` when runs use it. True once it is gone. */
  remove(id: string, force: boolean): Promise<boolean>;
}

/** Rename and delete for uploaded datasets (PATCH / DELETE /api/datasets/:id). */
export function useDatasetActions(): DatasetActions {
  const { studio } = useStudioServices();
  const [error, setError] = useState<string | null>(null);

  const attempt = useCallback(async <T>(work: () => Promise<T>, failed: T): Promise<T> => {
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(errorMessage(err));
      return failed;
    }
  }, []);

  const rename = useCallback(
    (id: string, name: string) => attempt(() => studio.renameDataset(id, name), null),
    [studio, attempt],
  );
  const runsUsing = useCallback(
    async (id: string) => (await studio.listRuns({ datasetId: id })).length,
    [studio],
  );
  const remove = useCallback(
    (id: string, force: boolean) =>
      attempt(async () => {
        await studio.deleteDataset(id, { force });
        return true;
      }, false),
    [studio, attempt],
  );
  return { error, rename, runsUsing, remove };
}
