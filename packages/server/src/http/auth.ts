import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Routes a browser opens directly (EventSource, a download link) cannot set headers, so they may
 * carry the token as `?token=` instead; the request logger redacts it.
 */
const QUERY_TOKEN_ROUTES = new Set(['/api/sweeps/:id/events', '/api/models/:id/download']);

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  if (request.method === 'GET' && QUERY_TOKEN_ROUTES.has(request.routeOptions.url ?? '')) {
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string') return token;
  }
  return undefined;
}

/**
 * When a token is configured every /api route needs `Authorization: Bearer <token>`; compared in
 * constant time (over digests, so length does not leak either).
 */
export function installAuth(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  const expected = digest(token);
  app.addHook('onRequest', async (request) => {
    if (!isApiRequest(request)) return;
    const given = presentedToken(request);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new HttpError(
        'UNAUTHORIZED',
        given === undefined
          ? 'This studio needs a token: send Authorization: Bearer <TRAINYARD_TOKEN>'
          : 'The token does not match this studio',
        { field: 'Authorization' },
      );
    }
  });
}

/** Drops `token=` from a URL before it is logged. */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}

/**
 * Decided on the matched route pattern, not the raw URL: the router decodes `/%61pi/health` to
 * `/api/health`, so a raw-text check could be walked around. Unmatched URLs are checked decoded.
 */
function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined && route !== '/*') return route === '/api' || route.startsWith('/api/');
  let path = request.url.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    return true;
  }
  path = path.replace(/\/{2,}/g, '/').toLowerCase();
  return path === '/api' || path.startsWith('/api/');
}
