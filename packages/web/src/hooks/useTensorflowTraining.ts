import { runTensorflowTraining, type TensorflowMode } from '@trainyard/core';
import { useCallback, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type RunSweep, type SweepTexts, type SweepTraining, useSweepTraining } from './useSweepTraining.js';

export interface TensorflowTraining extends SweepTraining {
  /** DR-004 linear baseline: hidden dims, layers and dropouts are disabled and left out of the grid. */
  linear: boolean;
  setLinear(on: boolean): void;
}

/**
 * The TensorFlow page's sweep: like usePytorchTraining plus the linear-baseline switch.
 *
 * @example const t = useTensorflowTraining(); t.setLinear(true); t.combinations.length
 */
export function useTensorflowTraining(initialFields?: Partial<SweepTexts>): TensorflowTraining {
  const { api } = useStudioServices();
  const [linear, setLinear] = useState(false);
  const mode: TensorflowMode = linear ? 'linear' : 'mlp';
  const runSweep = useCallback<RunSweep>((o) => runTensorflowTraining({ ...o, mode, api }), [api, mode]);
  const training = useSweepTraining({ framework: 'tensorflow', mode, runSweep, initialFields });
  return { ...training, linear, setLinear };
}
