import { type DatasetOption, errorMessage, type TaskKind } from '@trainyard/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

export type UploadState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; dataset: DatasetOption }
  | { status: 'failed'; error: string };

/**
 * Uploads a CSV as a new dataset (`POST /api/datasets`); the server checks the file and answers
 * with a user-safe error naming the line and column when it is malformed.
 */
export function useDatasetUpload(): {
  state: UploadState;
  upload(o: { name: string; target: string; task?: TaskKind; csv: Blob }): Promise<DatasetOption | null>;
  /** Back to idle: a new file was picked, so the last upload's error no longer applies. */
  reset(): void;
} {
  const { studio } = useStudioServices();
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const upload = useCallback(
    async (o: { name: string; target: string; task?: TaskKind; csv: Blob }) => {
      setState({ status: 'running' });
      try {
        const { csv, ...upload } = o;
        const dataset = await studio.uploadDataset(new Uint8Array(await csv.arrayBuffer()), upload);
        if (alive.current) setState({ status: 'done', dataset });
        return dataset;
      } catch (err) {
        if (alive.current) setState({ status: 'failed', error: errorMessage(err) });
        return null;
      }
    },
    [studio],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, upload, reset };
}
