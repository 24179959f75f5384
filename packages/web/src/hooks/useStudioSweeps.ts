import type { TensorflowMode } from '@trainyard/core';
import { useState } from 'react';
import { useDurableSweepTraining } from './useDurableSweepTraining.js';
import type { SweepTexts, SweepTraining } from './useSweepTraining.js';
import type { TensorflowTraining } from './useTensorflowTraining.js';

/**
 * The studio's PyTorch page sweep: run and kept by the server, so it survives reloads (see
 * useDurableSweepTraining). usePytorchTraining stays the in-browser orchestrator for library users.
 *
 * @example const t = usePytorchSweep(); await t.start('digits');
 */
export function usePytorchSweep(initialFields?: Partial<SweepTexts>): SweepTraining {
  return useDurableSweepTraining({ framework: 'pytorch', ...(initialFields ? { initialFields } : {}) });
}

/**
 * The studio's TensorFlow page sweep, server-run, with the linear-baseline switch.
 *
 * @example const t = useTensorflowSweep(); t.setLinear(true); await t.start('iris');
 */
export function useTensorflowSweep(initialFields?: Partial<SweepTexts>): TensorflowTraining {
  const [linear, setLinear] = useState(false);
  const mode: TensorflowMode = linear ? 'linear' : 'mlp';
  const training = useDurableSweepTraining({
    framework: 'tensorflow',
    mode,
    ...(initialFields ? { initialFields } : {}),
  });
  return { ...training, linear, setLinear };
}
