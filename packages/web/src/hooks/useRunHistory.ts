import { errorMessage, type Framework, type LabelsPatch, type StoredRun } from '@trainyard/core';
import { useCallback, useMemo, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type ResourceState, useServerResource } from './useServerResource.js';

export interface RunFilter {
  framework?: Framework;
  datasetId?: string;
  /** Only runs carrying this tag (GET /api/runs?tag=). */
  tag?: string;
}

export interface RunHistory {
  state: ResourceState<StoredRun[]>;
  reload(): void;
  /**
   * Deletes a stored run (and its saved model with `deleteModel`); true once it is gone (its row
   * leaves `state` at once), false on failure.
   */
  remove(runId: string, deleteModel?: boolean): Promise<boolean>;
  /** Why the last delete failed (e.g. the run is still training); cleared by the next one. */
  deleteError: string | null;
  /** Sets a run's name, tags or notes (PATCH /api/runs/:id); true once saved (and reloaded). */
  label(runId: string, patch: LabelsPatch): Promise<boolean>;
  /** Why the last label change failed; cleared by the next one. */
  labelError: string | null;
  /** A label change is being saved. */
  labelling: boolean;
}

/**
 * Stored runs from the server (newest first), filtered by framework, dataset and tag; `version` bumps
 * reload it (e.g. when a sweep finished).
 *
 * @example const { state, remove } = useRunHistory({ framework: 'pytorch' });
 */
export function useRunHistory(filter: RunFilter, version: string | number = 0): RunHistory {
  const { studio } = useStudioServices();
  const key = JSON.stringify([
    filter.framework ?? null,
    filter.datasetId ?? null,
    filter.tag ?? null,
    version,
  ]);
  const { state: loaded, reload } = useServerResource(() => studio.listRuns(filter), key);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(() => new Set());
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [labelError, setLabelError] = useState<string | null>(null);
  const [labelling, setLabelling] = useState(false);

  const remove = useCallback(
    async (runId: string, deleteModel = false) => {
      setDeleteError(null);
      try {
        await studio.deleteRun(runId, { deleteModel });
      } catch (err) {
        setDeleteError(errorMessage(err));
        return false;
      }
      setRemoved((ids) => new Set(ids).add(runId));
      reload();
      return true;
    },
    [studio, reload],
  );

  const label = useCallback(
    async (runId: string, patch: LabelsPatch) => {
      setLabelError(null);
      setLabelling(true);
      try {
        await studio.labelRun(runId, patch);
      } catch (err) {
        setLabelError(errorMessage(err));
        return false;
      } finally {
        setLabelling(false);
      }
      reload();
      return true;
    },
    [studio, reload],
  );

  // A deleted row leaves the table now, not when the reload answers.
  const state = useMemo<ResourceState<StoredRun[]>>(
    () =>
      loaded.data && removed.size > 0
        ? { ...loaded, data: loaded.data.filter((r) => !removed.has(r.id)) }
        : loaded,
    [loaded, removed],
  );
  return { state, reload, remove, deleteError, label, labelError, labelling };
}
