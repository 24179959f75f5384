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

/**
 * Serves the built web app at / with a single-page-app fallback (any other GET outside /api gets
 * index.html); without a build, GET / explains how to make one. Only @fastify/static touches the
 * disk, and only inside `webRoot`.
 */
export async function registerWebApp(
  app: FastifyInstance,
  webRoot: string = DEFAULT_WEB_ROOT,
): Promise<{ built: boolean }> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: false });
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
