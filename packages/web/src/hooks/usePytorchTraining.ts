import { runPytorchTraining } from '@trainyard/core';
import { useCallback } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type RunSweep, type SweepTexts, type SweepTraining, useSweepTraining } from './useSweepTraining.js';

/**
 * The PyTorch page's sweep: seven inputs as text, per-field errors, the combination count,
 * start/cancel, rows appended per combination and live epochs, over core's runPytorchTraining.
 *
 * @example const t = usePytorchTraining(); t.setField('epochValues', '10,20'); await t.start('iris');
 */
export function usePytorchTraining(initialFields?: Partial<SweepTexts>): SweepTraining {
  const { api } = useStudioServices();
  const runSweep = useCallback<RunSweep>((o) => runPytorchTraining({ ...o, api }), [api]);
  return useSweepTraining({ framework: 'pytorch', runSweep, initialFields });
}
