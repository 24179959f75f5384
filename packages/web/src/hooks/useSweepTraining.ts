import {
  type EpochEvent,
  errorMessage,
  type Framework,
  initialSweepState,
  type RunRow,
  type SweepAction,
  type SweepState,
  sweepReducer,
  type TensorflowMode,
  type TrainingRunOptions,
} from '@trainyard/core';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { type SweepForm, type SweepTexts, useSweepForm } from './useSweepForm.js';

export { DEFAULT_SWEEP_TEXTS, type SweepTexts } from './useSweepForm.js';

/** The framework-specific part: which core orchestrator runs the sweep over which api method. */
export type RunSweep = (o: TrainingRunOptions) => Promise<RunRow[]>;

export interface SweepTraining extends SweepForm {
  /** Core's sweep state: status, rows (one per finished combination), done/total, the run in flight. */
  state: SweepState;
  /** The dataset the current rows belong to. */
  datasetId: string | null;
  /** The TensorFlow mode the current rows were trained in ('linear' rows carry DR-004's fixed shape). */
  rowsMode: TensorflowMode | undefined;
  /** Per-epoch losses of each combination, indexed like the combinations (and rows). */
  histories: EpochEvent[][];
  canStart: boolean;
  start(datasetId: string): Promise<void>;
  cancel(): void;
}

/**
 * The shared engine of usePytorchTraining / useTensorflowTraining: raw texts → core validators →
 * core grid → core orchestrator → core sweepReducer. No rule lives here.
 */
export function useSweepTraining(o: {
  framework: Framework;
  mode?: TensorflowMode;
  runSweep: RunSweep;
  initialFields?: Partial<SweepTexts>;
}): SweepTraining {
  const { framework, mode, runSweep } = o;
  const form = useSweepForm({ framework, mode, initialFields: o.initialFields });
  const [state, dispatch] = useReducer(sweepReducer, initialSweepState);
  const controller = useRef<AbortController | null>(null);
  const alive = useRef(true);

  const { combinations, valid, seed, request } = form;
  // The validation split, folds and early stopping, sent with every run (no search here: a grid);
  // `fused: false` trains every combination on its own (no shared epoch prefixes).
  const { validationSize, folds, patience, minDelta, fused } = request;
  const selection = useMemo(
    () => ({
      ...(validationSize !== undefined ? { validationSize } : {}),
      ...(folds !== undefined ? { folds } : {}),
      ...(patience !== undefined ? { patience } : {}),
      ...(minDelta !== undefined ? { minDelta } : {}),
    }),
    [validationSize, folds, patience, minDelta],
  );

  useEffect(() => {
    alive.current = true;
    return () => {
      // Leaving the page stops the sweep: no request after unmount and no state update either.
      alive.current = false;
      controller.current?.abort();
    };
  }, []);

  const start = useCallback(
    async (forDataset: string) => {
      // One sweep at a time per page; a cancelled one must settle before the next starts.
      if (!valid || controller.current) return;
      const ctrl = new AbortController();
      controller.current = ctrl;
      const safe: typeof dispatch = (action) => {
        if (alive.current) dispatch(action);
      };
      const begin: SweepAction = { type: 'start', total: combinations.length, datasetId: forDataset };
      safe(mode === undefined ? begin : { ...begin, mode });
      try {
        await runSweep({
          datasetId: forDataset,
          combinations,
          ...(seed !== undefined ? { seed } : {}),
          selection,
          ...(fused === false ? { fused } : {}),
          signal: ctrl.signal,
          appendRow: (row) => safe({ type: 'row', row }),
          onProgress: (done, total) => safe({ type: 'progress', done, total }),
          onRunStart: (index, combination) => safe({ type: 'runStart', index, combination }),
          onEpochEnd: (index, event) => safe({ type: 'epoch', index, event }),
        });
        safe(ctrl.signal.aborted ? { type: 'cancel' } : { type: 'finish' });
      } catch (err) {
        safe(ctrl.signal.aborted ? { type: 'cancel' } : { type: 'fail', error: errorMessage(err) });
      } finally {
        controller.current = null;
      }
    },
    [valid, combinations, seed, selection, fused, runSweep, mode],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    dispatch({ type: 'cancel' });
  }, []);

  return sweepTrainingOf(form, state, start, cancel);
}

/**
 * The SweepTraining a page gets from a form, core's sweep state and how to start and cancel (the
 * in-browser orchestrator or a durable server sweep).
 */
export function sweepTrainingOf(
  form: SweepForm,
  state: SweepState,
  start: SweepTraining['start'],
  cancel: SweepTraining['cancel'],
): SweepTraining {
  return {
    ...form,
    state,
    datasetId: state.datasetId,
    rowsMode: state.mode,
    histories: state.histories,
    canStart: form.valid && state.status !== 'running',
    start,
    cancel,
  };
}
