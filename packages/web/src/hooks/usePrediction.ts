import { errorMessage, type PredictionResult } from '@trainyard/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

export type PredictionState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: PredictionResult }
  | { status: 'failed'; error: string };

/** A saved model's predictions for a CSV text (`POST /api/models/:id/predict`); errors name row and column. */
export function usePrediction(modelId: string): {
  state: PredictionState;
  predict(csv: string): Promise<void>;
} {
  const { studio } = useStudioServices();
  const [state, setState] = useState<PredictionState>({ status: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const predict = useCallback(
    async (csv: string) => {
      setState({ status: 'running' });
      try {
        const result = await studio.predict(modelId, { csv });
        if (alive.current) setState({ status: 'done', result });
      } catch (err) {
        if (alive.current) setState({ status: 'failed', error: errorMessage(err) });
      }
    },
    [studio, modelId],
  );
  return { state, predict };
}
