import type { SweepFilter, SweepRecord } from '@trainyard/core';
import { useEffect } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { type ResourceState, useServerResource } from './useServerResource.js';

/** How often the list is read again while one of its sweeps runs. */
export const SWEEP_LIST_POLL_MS = 2000;

/**
 * The stored sweeps (newest first) passing `filter`, read again every SWEEP_LIST_POLL_MS while any
 * of them runs so progress moves.
 *
 * @example const { state } = useSweepList({ status: 'running' });
 */
export function useSweepList(
  filter: SweepFilter,
  pollMs = SWEEP_LIST_POLL_MS,
): { state: ResourceState<SweepRecord[]>; reload(): void } {
  const { studio } = useStudioServices();
  const key = JSON.stringify(filter, Object.keys(filter).sort());
  const resource = useServerResource(() => studio.listSweeps(filter), key);
  const anyRunning = resource.state.data?.some((s) => s.status === 'running') ?? false;
  const { reload } = resource;
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [anyRunning, reload, pollMs]);
  return resource;
}
