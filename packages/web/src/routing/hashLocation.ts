import { type Route, routeFromHash } from './useHashRoute.js';

/** What a shareable URL names: the page, the record on it (a sweep) and its filters/selection. */
export interface HashLocation {
  route: Route;
  id?: string;
  params: Record<string, string>;
}

/**
 * Parses `#/sweeps/abc?run=3&tag=lr` into its page, record id and parameters.
 *
 * @example parseHashLocation('#/sweeps/s1?run=2') // { route: 'sweeps', id: 's1', params: { run: '2' } }
 */
export function parseHashLocation(hash: string): HashLocation {
  const route = routeFromHash(hash);
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const id = path.split('/')[1];
  const params = Object.fromEntries(new URLSearchParams(query));
  return id ? { route, id: decodeURIComponent(id), params } : { route, params };
}

/**
 * The hash of a location, parameters sorted and empty ones left out (one URL per view).
 *
 * @example hashOf({ route: 'sweeps', params: { tag: 'lr', status: '' } }) // '#/sweeps?tag=lr'
 */
export function hashOf(loc: {
  route: Route;
  id?: string | undefined;
  params?: Record<string, string | undefined>;
}): string {
  const entries = Object.entries(loc.params ?? {})
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .sort(([a], [b]) => a.localeCompare(b));
  const query = entries.length > 0 ? `?${new URLSearchParams(entries).toString()}` : '';
  return `#/${loc.route}${loc.id ? `/${encodeURIComponent(loc.id)}` : ''}${query}`;
}

/** Replaces the URL's view without a new history entry (filters, selection). */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  window.history.replaceState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
