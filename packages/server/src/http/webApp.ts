import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** packages/web/dist, found beside this package (src/http or dist/http are two levels below it). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trainyard</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Trainyard studio</h1>
<p>The API is running, but the web app is not built yet.</p>
<p>Build it with <code>npm run build --workspace @trainyard/web</code> (or <code>make start</code>, which builds
everything), then reload this page. The API answers at <a href="/api/health">/api/health</a>.</p>
</body></html>
`;

/** Vite's content-hashed build output (`assets/index-BBfCRlvD.js`, maybe precompressed): it never changes. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;

/**
 * Cache headers of every static file: a hashed asset is cached for a year and never revalidated
 * (a new build has new names); everything else (index.html) is revalidated on every load.
 */
export function setCacheHeaders(
  res: { setHeader(name: string, value: string): unknown },
  path: string,
): void {
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader(
    'Cache-Control',
    HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/**
 * Serves the built web app at / with a single-page-app fallback (any other GET outside /api gets
 * index.html); without a build, GET / explains how to make one. Only @fastify/static touches the
 * disk, and only inside `webRoot`. The build writes a .br and a .gz beside each text asset (see
 * packages/web/vite.config.ts), served to clients that accept them; hashed assets are immutable.
 */
export async function registerWebApp(
  app: FastifyInstance,
  webRoot: string = DEFAULT_WEB_ROOT,
): Promise<{ built: boolean }> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: setCacheHeaders,
    });
    app.get('/', (_request, reply) => reply.sendFile('index.html', { maxAge: 0, immutable: false }));
  } else {
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }
  return { built };
}

/** What a GET outside /api that matched nothing should get: the app shell (or the not-built page). */
export function sendAppShell(reply: import('fastify').FastifyReply, built: boolean) {
  if (built) return reply.sendFile('index.html', { maxAge: 0, immutable: false });
  return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
}
