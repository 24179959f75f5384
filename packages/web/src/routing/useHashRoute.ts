import { useSyncExternalStore } from 'react';

export const ROUTES = ['datasets', 'pytorch', 'tensorflow', 'sweeps', 'runs', 'models'] as const;
export type Route = (typeof ROUTES)[number];

/** Maps a location hash (`#/pytorch`) to a known route; anything else lands on the datasets page. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'datasets';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Hash routing: works behind any static file server without a fallback rule. */
export function useHashRoute(): Route {
  return useSyncExternalStore(
    subscribe,
    () => routeFromHash(window.location.hash),
    () => 'datasets',
  );
}
