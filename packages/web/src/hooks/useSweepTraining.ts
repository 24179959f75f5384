import {
  buildSweepGrid,
  type EpochEvent,
  errorMessage,
  type Framework,
  ignoredSweepFields,
  initialSweepState,
  type RunRow,
  type SweepAction,
  type SweepListField,
  type SweepState,
  sweepFieldErrors,
  sweepReducer,
  type TensorflowMode,
  type TrainingCombination,
  type TrainingRunOptions,
} from '@trainyard/core';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';

export type SweepTexts = Record<SweepListField, string>;

/** A small, quick first sweep: one combination that trains iris in a few seconds. */
export const DEFAULT_SWEEP_TEXTS: SweepTexts = {
  epochValues: '20',
  batchSizes: '16',
  learningRates: '0.01',
  testSizes: '0.2',
  hiddenDims: '64',
  numHiddenLayers: '2',
  dropouts: '0.1',
};

/** The framework-specific part: which core orchestrator runs the sweep over which api method. */
export type RunSweep = (o: TrainingRunOptions) => Promise<RunRow[]>;

export interface SweepTraining {
  fields: SweepTexts;
  setField(field: SweepListField, text: string): void;
  /** Inline error per field, worded exactly as the core validators word it. */
  errors: Partial<Record<SweepListField, string>>;
  /** A problem with the grid as a whole (too many combinations). */
  gridError: string | null;
  combinations: TrainingCombination[];
  /** Fields the current mode ignores (DR-004 linear baseline): disabled and left out of the grid. */
  disabledFields: readonly SweepListField[];
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
  const [fields, setFields] = useState<SweepTexts>({ ...DEFAULT_SWEEP_TEXTS, ...o.initialFields });
  const [state, dispatch] = useReducer(sweepReducer, initialSweepState);
  const controller = useRef<AbortController | null>(null);
  const alive = useRef(true);

  const disabledFields = ignoredSweepFields({ framework, mode });
  const errors = useMemo(() => sweepFieldErrors({ framework, mode, ...fields }), [framework, mode, fields]);
  const grid = useMemo(() => buildSweepGrid({ framework, mode, ...fields }), [framework, mode, fields]);
  const combinations = grid.ok ? grid.combinations : [];
  const gridError = !grid.ok && grid.field === undefined ? grid.error : null;

  useEffect(() => {
    alive.current = true;
    return () => {
      // Leaving the page stops the sweep: no request after unmount and no state update either.
      alive.current = false;
      controller.current?.abort();
    };
  }, []);

  const setField = useCallback((field: SweepListField, text: string) => {
    setFields((f) => ({ ...f, [field]: text }));
  }, []);

  const start = useCallback(
    async (forDataset: string) => {
      // One sweep at a time per page; a cancelled one must settle before the next starts.
      if (!grid.ok || controller.current) return;
      const ctrl = new AbortController();
      controller.current = ctrl;
      const safe: typeof dispatch = (action) => {
        if (alive.current) dispatch(action);
      };
      const begin: SweepAction = { type: 'start', total: grid.combinations.length, datasetId: forDataset };
      safe(mode === undefined ? begin : { ...begin, mode });
      try {
        await runSweep({
          datasetId: forDataset,
          combinations: grid.combinations,
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
    [grid, runSweep, mode],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    dispatch({ type: 'cancel' });
  }, []);

  const canStart = grid.ok && state.status !== 'running';
  return {
    fields,
    setField,
    errors,
    gridError,
    combinations,
    disabledFields,
    state,
    datasetId: state.datasetId,
    rowsMode: state.mode,
    histories: state.histories,
    canStart,
    start,
    cancel,
  };
}
