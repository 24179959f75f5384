import { useHash } from './useHash.js';

export const ROUTES = ['datasets', 'pytorch', 'tensorflow', 'sweeps', 'runs', 'models'] as const;
export type Route = (typeof ROUTES)[number];

/** Maps a location hash (`#/pytorch`) to a known route; anything else lands on the datasets page. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'datasets';
}

/** Hash routing: works behind any static file server without a fallback rule. */
export function useHashRoute(): Route {
  return routeFromHash(useHash());
}
