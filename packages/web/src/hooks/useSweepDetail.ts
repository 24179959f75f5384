import {
  errorMessage,
  type LabelsPatch,
  type SweepFields,
  type SweepRecord,
  type SweepState,
} from '@trainyard/core';
import { useCallback, useEffect, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { useFollowedSweep } from './useFollowedSweep.js';

export interface SweepDetail {
  /** The stored record (name, labels, fields, counts), read again after every action. */
  record: SweepRecord | undefined;
  loadError: string | null;
  /** Its runs, progress and curves, followed live. */
  state: SweepState;
  /** Why the last action failed (worded by the server), cleared by the next one. */
  actionError: string | null;
  busy: boolean;
  cancel(): Promise<void>;
  resume(): Promise<void>;
  /** Resolves with the new sweep. */
  rerun(): Promise<SweepRecord | undefined>;
  extend(lists: Partial<SweepFields>): Promise<boolean>;
  label(patch: LabelsPatch): Promise<boolean>;
  /** Resolves true once the sweep is gone. */
  remove(withModels: boolean): Promise<boolean>;
}

/**
 * One sweep of the Sweeps page: its record, its runs followed live, and the actions on it, each a
 * studio route; no rule lives here.
 *
 * @example const d = useSweepDetail('s1'); await d.extend({ batchSizes: '16, 32, 64' });
 */
export function useSweepDetail(id: string): SweepDetail {
  const { studio } = useStudioServices();
  const { state, attach } = useFollowedSweep();
  const [record, setRecord] = useState<SweepRecord | undefined>();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (follow: boolean) => {
      try {
        const { sweep } = await studio.getSweep(id);
        setRecord(sweep);
        setLoadError(null);
        if (follow) attach(sweep);
      } catch (err) {
        setLoadError(errorMessage(err));
      }
    },
    [studio, id, attach],
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  // The record's counts and status change as the followed sweep ends.
  useEffect(() => {
    if (state.status !== 'running' && state.status !== 'idle') void load(false);
  }, [state.status, load]);

  const act = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setActionError(null);
    setBusy(true);
    try {
      return await work();
    } catch (err) {
      setActionError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    record,
    loadError,
    state,
    actionError,
    busy,
    cancel: async () => {
      await act(() => studio.cancelSweep(id));
    },
    resume: async () => {
      const sweep = await act(() => studio.resumeSweep(id));
      if (sweep) attach(sweep);
    },
    rerun: () => act(() => studio.rerunSweep(id)),
    extend: async (lists) => {
      const sweep = await act(() => studio.extendSweep(id, lists));
      if (sweep) attach(sweep);
      return sweep !== undefined;
    },
    label: async (patch) => {
      const sweep = await act(() => studio.labelSweep(id, patch));
      if (sweep) setRecord(sweep);
      return sweep !== undefined;
    },
    remove: async (withModels) =>
      (await act(() => studio.deleteSweep(id, { models: withModels }))) !== undefined,
  };
}
