import {
  errorMessage,
  initialSweepState,
  type SweepAction,
  type SweepRecord,
  type SweepState,
  sweepReducer,
} from '@trainyard/core';
import { type Dispatch, useCallback, useEffect, useReducer, useRef } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

export interface FollowedSweep {
  /** Core's sweep state, fed by the followed sweep's events. */
  state: SweepState;
  dispatch: Dispatch<SweepAction>;
  /** Follows this sweep from its start (rows, progress and curves so far, then live ones). */
  attach(sweep: SweepRecord): void;
  /** Stops following the current sweep (it runs on) and reserves the hook for the next attach. */
  claim(): void;
  /** Whether this hook follows (or has claimed) a sweep. */
  following(): boolean;
}

/**
 * Follows one durable sweep over `GET /api/sweeps/:id/events` into core's sweepReducer. Unmounting
 * or attaching another sweep only stops following: a sweep is never cancelled by leaving.
 *
 * @example const { state, attach } = useFollowedSweep(); attach(await studio.getSweep(id).then((r) => r.sweep));
 */
export function useFollowedSweep(onAttach?: (sweep: SweepRecord) => void): FollowedSweep {
  const { studio } = useStudioServices();
  const [state, dispatch] = useReducer(sweepReducer, initialSweepState);
  const follow = useRef<AbortController | null>(null);
  const onAttachRef = useRef(onAttach);
  onAttachRef.current = onAttach;

  const claim = useCallback(() => {
    follow.current?.abort();
    follow.current = new AbortController();
  }, []);

  const attach = useCallback(
    (sweep: SweepRecord) => {
      claim();
      const ctrl = follow.current!;
      dispatch({ type: 'attach', sweep });
      onAttachRef.current?.(sweep);
      const live = () => !ctrl.signal.aborted;
      studio
        .followSweep(sweep.id, (event) => live() && dispatch({ type: 'sweepEvent', event }), ctrl.signal)
        .then((status) => {
          if (live() && status !== 'detached')
            dispatch({ type: 'sweepEvent', event: { type: 'done', status } });
        })
        .catch((err: unknown) => live() && dispatch({ type: 'fail', error: errorMessage(err) }));
    },
    [studio, claim],
  );

  useEffect(
    () => () => {
      follow.current?.abort();
    },
    [],
  );

  const following = useCallback(() => follow.current !== null, []);
  return { state, dispatch, attach, claim, following };
}
