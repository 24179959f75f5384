import {
  errorMessage,
  type Framework,
  MlApiError,
  type SweepFields,
  type SweepRecord,
  sweepToReattach,
  type TensorflowMode,
} from '@trainyard/core';
import { useCallback, useEffect, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { isFormField, type SweepFormField } from './sweepFormCheck.js';
import { useFollowedSweep } from './useFollowedSweep.js';
import { browserFormStorage, type FormStorage, type SweepTexts, useSweepForm } from './useSweepForm.js';
import { type SweepTraining, sweepTrainingOf } from './useSweepTraining.js';

/** Where a page remembers the sweep it last started or followed. */
export const lastSweepKey = (framework: Framework) => `trainyard.lastSweep.${framework}`;

export interface DurableSweepOptions {
  framework: Framework;
  mode?: TensorflowMode;
  initialFields?: Partial<SweepTexts>;
  /** Keeps the form and the last sweep across reloads. Default: localStorage; null: nothing kept. */
  storage?: FormStorage | null;
}

/**
 * A framework page's sweep, run by the server (`POST /api/sweeps`) and followed over its events:
 * a reload, a new tab or another browser reattaches to the running sweep (rows, progress, curves);
 * leaving only stops following, Cancel cancels it on the server. Rules live in core (sweepReducer,
 * sweepToReattach); this hook only wires them to the studio client.
 *
 * @example const t = useDurableSweepTraining({ framework: 'pytorch' }); await t.start('digits');
 */
export function useDurableSweepTraining(o: DurableSweepOptions): SweepTraining {
  const { framework, mode } = o;
  const storage = o.storage === null ? undefined : (o.storage ?? browserFormStorage());
  const { studio } = useStudioServices();
  const form = useSweepForm({ framework, mode, initialFields: o.initialFields, storage, search: true });
  const remember = useCallback(
    (sweep: SweepRecord) => {
      try {
        storage?.setItem(lastSweepKey(framework), sweep.id);
      } catch {
        // Not remembering the sweep only costs the reattach after a reload.
      }
    },
    [storage, framework],
  );
  const { state, dispatch, attach, claim, following } = useFollowedSweep(remember);
  const { runCount, valid, request } = form;
  // A field the server refused (a rule only it knows), shown beside the field until the body changes.
  const [refused, setRefused] = useState<{ body: string; field: SweepFormField; message: string } | null>(
    null,
  );
  const refusal = refused?.body === JSON.stringify(request) ? refused : null;

  useEffect(() => {
    let mounted = true;
    const lastId = (() => {
      try {
        return storage?.getItem(lastSweepKey(framework));
      } catch {
        return null;
      }
    })();
    studio
      .listSweeps()
      .then((sweeps) => {
        const sweep = sweepToReattach(sweeps, framework, lastId);
        // A sweep started meanwhile in this page wins over the one found at load.
        if (mounted && sweep && !following()) attach(sweep);
      })
      .catch(() => {
        // Without the list the page still starts new sweeps; the Sweeps page names the problem.
      });
    return () => {
      // Leaving the page only stops following (useFollowedSweep): the sweep is durable and runs on.
      mounted = false;
    };
  }, [studio, storage, framework, attach, following]);

  const running = state.status === 'running';
  const start = useCallback(
    async (datasetId: string) => {
      if (!valid || running) return;
      // Claims the page at once, so the sweep found at load does not replace this one.
      claim();
      // TPE bounded by time alone has no count yet: the sweep's progress events bring it.
      dispatch({ type: 'start', total: runCount ?? 0, datasetId, ...(mode ? { mode } : {}) });
      const body: SweepFields = { ...request, datasetId };
      try {
        attach(await studio.createSweep(body));
      } catch (err) {
        if (err instanceof MlApiError && err.code === 'VALIDATION' && err.field && isFormField(err.field)) {
          setRefused({ body: JSON.stringify(request), field: err.field, message: err.message });
          dispatch({ type: 'reset' });
          return;
        }
        dispatch({ type: 'fail', error: errorMessage(err) });
      }
    },
    [valid, running, runCount, mode, request, studio, attach, claim, dispatch],
  );

  const { sweepId } = state;
  const cancel = useCallback(() => {
    // The sweep's own `done` event says `cancelled`; a sweep that ended meanwhile refuses (CONFLICT).
    if (sweepId) studio.cancelSweep(sweepId).catch(() => {});
  }, [studio, sweepId]);

  const shown = refusal
    ? { ...form, errors: { ...form.errors, [refusal.field]: refusal.message }, valid: false }
    : form;
  return sweepTrainingOf(shown, state, start, cancel);
}
