import { type DatasetOption, errorMessage, loadDatasetManifest } from '@trainyard/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

export type DatasetManifestState =
  | { status: 'loading'; options: DatasetOption[]; selectedDatasetId: string | null }
  | { status: 'done'; options: DatasetOption[]; selectedDatasetId: string | null }
  | { status: 'failed'; options: DatasetOption[]; selectedDatasetId: string | null; error: string };

export interface DatasetManifest {
  state: DatasetManifestState;
  selected: DatasetOption | undefined;
  select(datasetId: string): void;
  reload(): Promise<void>;
}

/**
 * The dataset manifest with the REQ-001 selection fallback applied by core on every load.
 *
 * @example const { state, selected, select } = useDatasetManifest();
 */
export function useDatasetManifest(): DatasetManifest {
  const { api } = useStudioServices();
  const [state, setState] = useState<DatasetManifestState>({
    status: 'loading',
    options: [],
    selectedDatasetId: null,
  });
  const selectedRef = useRef<string | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    setState((s) => ({ ...s, status: 'loading' }));
    try {
      const asked = selectedRef.current;
      const loaded = await loadDatasetManifest(api, { selectedDatasetId: asked });
      // A dataset picked while the manifest loaded (a reattached sweep's) wins when it is listed.
      const picked = selectedRef.current;
      const next =
        picked !== asked && picked !== null && loaded.options.some((o) => o.id === picked)
          ? { ...loaded, selectedDatasetId: picked }
          : loaded;
      selectedRef.current = next.selectedDatasetId;
      if (alive.current) setState({ status: 'done', ...next });
    } catch (err) {
      if (alive.current) setState((s) => ({ ...s, status: 'failed', error: errorMessage(err) }));
    }
  }, [api]);

  useEffect(() => {
    alive.current = true;
    void reload();
    return () => {
      alive.current = false;
    };
  }, [reload]);

  const select = useCallback((datasetId: string) => {
    selectedRef.current = datasetId;
    setState((s) => ({ ...s, selectedDatasetId: datasetId }));
  }, []);

  const selected = state.options.find((o) => o.id === state.selectedDatasetId);
  return { state, selected, select, reload };
}
