import { type AshaState, ashaStep, initialAshaState, type PruneDecision } from './asha.js';
import { DEFAULT_MEDIAN_STARTUP_TRIALS, medianStoppingDecision } from './medianStopping.js';
import type { PrunerConfig } from './searchPlan.js';

/**
 * A scheduler's memory over one sweep: the orchestrator reports every epoch's validation value and
 * stops the run on 'prune'; finish() says how a trial ended (only completed trials are the median's
 * reference). The decisions themselves are the pure ashaStep and medianStoppingDecision.
 */
export interface Pruner {
  report(trial: string, epoch: number, value: number): PruneDecision;
  finish(trial: string, state: 'completed' | 'pruned' | 'failed'): void;
}

/**
 * The pruner of a plan; `maxEpochs` is the largest epoch count the sweep may train (ASHA's R). A
 * resumed sweep replays its stored trials' curves, in stored order, before the first new report.
 *
 * @example const pruner = createPruner(plan.pruner, 50); if (pruner.report(runId, 3, 0.81) === 'prune') stop();
 */
export function createPruner(
  config: PrunerConfig,
  maxEpochs: number,
  history: ReadonlyArray<{
    trial: string;
    values: readonly number[];
    state: 'completed' | 'pruned' | 'failed';
  }> = [],
): Pruner {
  const pruner = config.kind === 'asha' ? ashaPruner(config, maxEpochs) : medianPruner(config);
  for (const stored of history) {
    for (const [i, value] of stored.values.entries()) pruner.report(stored.trial, i + 1, value);
    pruner.finish(stored.trial, stored.state);
  }
  return pruner;
}

function ashaPruner(config: PrunerConfig, maxEpochs: number): Pruner {
  let state: AshaState = initialAshaState({ ...config, maxEpochs });
  return {
    report(trial, epoch, value) {
      const step = ashaStep(state, { trial, epoch, value }, config.reductionFactor);
      state = step.state;
      return step.decision;
    },
    finish() {},
  };
}

function medianPruner(config: PrunerConfig): Pruner {
  const running = new Map<string, number[]>();
  const completed: number[][] = [];
  const settings = { gracePeriod: config.gracePeriod, startupTrials: DEFAULT_MEDIAN_STARTUP_TRIALS };
  return {
    report(trial, epoch, value) {
      const values = running.get(trial) ?? [];
      values[epoch - 1] = value;
      running.set(trial, values);
      return medianStoppingDecision(settings, completed, values);
    },
    finish(trial, state) {
      const values = running.get(trial);
      running.delete(trial);
      if (state === 'completed' && values) completed.push(values);
    },
  };
}
