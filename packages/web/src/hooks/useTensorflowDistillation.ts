import { runTensorflowDistillation } from '@trainyard/core';
import { useCallback } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type Distillation, type RunDistillation, useDistillation } from './useDistillation.js';

/**
 * Distils a saved TensorFlow teacher into a smaller student (REQ-004 through core's runTensorflowDistillation).
 *
 * @example const d = useTensorflowDistillation(); d.setTeacherModelId(best.modelId); await d.run();
 */
export function useTensorflowDistillation(): Distillation {
  const { api } = useStudioServices();
  const run = useCallback<RunDistillation>((o) => runTensorflowDistillation({ ...o, api }), [api]);
  return useDistillation(run);
}
