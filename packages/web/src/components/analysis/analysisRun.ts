import type { ComparedRun, EpochEvent, ExportedRun, RunParam, RunRow } from '@trainyard/core';
import { differingParameters, RUN_PARAMS } from '@trainyard/core';

/** A run as the analysis views read it: its number in the run table and, when known, its curves. */
export type AnalysisRun = ExportedRun &
  ComparedRun &
  Partial<Pick<RunRow, 'train_loss' | 'test_loss'>> & {
    /** 1-based, as the run table numbers it. */
    number: number;
    history?: readonly EpochEvent[];
  };

const isParam = (field: string): field is RunParam => (RUN_PARAMS as readonly string[]).includes(field);

/** The hyperparameters that take more than one value across `runs` (the axes worth drawing). */
export function varyingParameters(runs: readonly AnalysisRun[]): RunParam[] {
  return differingParameters(runs).filter(isParam);
}
