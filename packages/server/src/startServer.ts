import type { FastifyInstance } from 'fastify';
import { buildApp } from './http/buildApp.js';
import { createStudio, type Studio } from './studio/createStudio.js';

export interface StartServerOptions {
  /** Default env PORT, else 8787; 0 picks a free port. */
  port?: number;
  /** Default env HOST, else 127.0.0.1. Any other address requires a token. */
  host?: string;
  home?: string;
  /** Default env TRAINYARD_TOKEN. */
  token?: string;
  concurrency?: number;
  webRoot?: string;
  /** Fastify/pino logger options; default on (info level). */
  logger?: boolean | object;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  studio: Studio;
  /** Stops taking requests, interrupts trainings and sweeps, closes the store. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Starts the studio: store, engines, HTTP API and web app. Binds loopback unless told otherwise,
 * and refuses a non-loopback address without a token.
 *
 * @example const server = await startServer({ port: 0, home: '/tmp/ty' }); console.log(server.url);
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? parsePort(process.env.PORT) ?? DEFAULT_PORT;
  const host = options.host ?? (process.env.HOST || '127.0.0.1');
  const token = options.token ?? (process.env.TRAINYARD_TOKEN || undefined);
  if (!LOOPBACK.has(host) && !token) {
    throw new Error(
      `Refusing to listen on ${host} without a token: anyone who can reach it could train and delete models. ` +
        'Set TRAINYARD_TOKEN (clients then send Authorization: Bearer <token>), or bind 127.0.0.1.',
    );
  }
  // Background errors (sweeps, model indexing) go to the app's logger once it exists.
  let logError = (err: unknown, context: string) => console.error(`[trainyard] ${context}:`, err);
  const studio = await createStudio({
    onError: (err, context) => logError(err, context),
    ...(options.home !== undefined ? { home: options.home } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  let app: FastifyInstance;
  try {
    app = await buildApp({
      studio,
      logger: options.logger ?? true,
      ...(token ? { token } : {}),
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
    // On close Fastify first answers new requests 503, then runs preClose: the studio interrupts
    // trainings and sweeps (SSE streams get `done: interrupted` and end) and closes the store, and
    // only then are the remaining connections cut.
    app.addHook('preClose', () => studio.close());
    const log = app.log;
    logError = (err, context) => log.error({ err }, context);
    await app.listen({ port, host });
  } catch (err) {
    await studio.close();
    throw err;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${boundPort}`,
    app,
    studio,
    close() {
      closing ??= (async () => {
        await app.close();
        await studio.close();
      })();
      return closing;
    },
  };
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}
