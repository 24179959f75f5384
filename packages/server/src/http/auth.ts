import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Routes a browser opens directly (EventSource, a download link) cannot set headers, so they may
 * carry the token as `?token=` instead; the request logger redacts it.
 */
const QUERY_TOKEN_ROUTES = [/^\/api\/sweeps\/[^/]+\/events(\?|$)/, /^\/api\/models\/[^/]+\/download(\?|$)/];

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  if (request.method === 'GET' && QUERY_TOKEN_ROUTES.some((r) => r.test(request.url))) {
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
    if (!request.url.startsWith('/api/') && request.url !== '/api') return;
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
