import { type DatasetRows, errorMessage } from '@trainyard/core';
import { useEffect, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

export type DatasetRowsState =
  | { status: 'idle' }
  | { status: 'loading'; datasetId: string }
  | { status: 'done'; datasetId: string; rows: DatasetRows }
  | { status: 'failed'; datasetId: string; error: string };

/**
 * The first page of a dataset's rows, through core's rows cache: revisiting a dataset makes no
 * request (REQ-002).
 *
 * @example const rows = useDatasetRows(selectedDatasetId);
 */
export function useDatasetRows(datasetId: string | null | undefined): DatasetRowsState {
  const { rowsCache } = useStudioServices();
  const [state, setState] = useState<DatasetRowsState>({ status: 'idle' });

  useEffect(() => {
    if (!datasetId) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading', datasetId });
    rowsCache.get(datasetId).then(
      (rows) => current && setState({ status: 'done', datasetId, rows }),
      (err: unknown) => current && setState({ status: 'failed', datasetId, error: errorMessage(err) }),
    );
    return () => {
      current = false;
    };
  }, [datasetId, rowsCache]);

  return state;
}
