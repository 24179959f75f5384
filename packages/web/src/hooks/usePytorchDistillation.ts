import { runPytorchDistillation } from '@trainyard/core';
import { useCallback } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type Distillation, type RunDistillation, useDistillation } from './useDistillation.js';

/**
 * Distils a saved PyTorch teacher into a smaller student (REQ-004 through core's runPytorchDistillation).
 *
 * @example const d = usePytorchDistillation(); d.setTeacherModelId(best.modelId); await d.run();
 */
export function usePytorchDistillation(): Distillation {
  const { api } = useStudioServices();
  const run = useCallback<RunDistillation>((o) => runPytorchDistillation({ ...o, api }), [api]);
  return useDistillation(run);
}
