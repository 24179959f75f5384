import { errorMessage } from '@trainyard/core';
import { useCallback, useEffect, useRef, useState } from 'react';

export type ResourceState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'done'; data: T }
  | { status: 'failed'; data?: T; error: string };

/**
 * Loads one server resource and reloads it when `key` changes or on demand; the previous data stays
 * visible while reloading. Answers that arrive after unmount or after a newer load are dropped.
 *
 * @example const { state, reload } = useServerResource(() => studio.listModels(), 'models');
 */
export function useServerResource<T>(
  load: () => Promise<T>,
  key: string,
): { state: ResourceState<T>; reload(): void } {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    setState((s) => ({ status: 'loading', data: s.data }));
    loadRef.current().then(
      (data) => ticket === latest.current && setState({ status: 'done', data }),
      (err: unknown) =>
        ticket === latest.current &&
        setState((s) => ({ status: 'failed', data: s.data, error: errorMessage(err) })),
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what to load; a new key reloads.
  useEffect(() => {
    reload();
    return () => {
      latest.current++;
    };
  }, [key, reload]);

  return { state, reload };
}
