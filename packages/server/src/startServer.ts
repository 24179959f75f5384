import { networkInterfaces, hostname as osHostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './http/buildApp.js';
import { allowedHostsFor, parseAllowedHosts } from './http/originGuard.js';
import { removeStaleUploads, uploadDirOf } from './http/uploadFiles.js';
import { createStudio, type Studio } from './studio/createStudio.js';

export interface StartServerOptions {
  /** Default env PORT, else 8787; 0 picks a free port. */
  port?: number;
  /** Default env HOST, else 127.0.0.1. Any other address requires a token. */
  host?: string;
  home?: string;
  /** Default env TRAINYARD_TOKEN. At least MIN_TOKEN_LENGTH characters. */
  token?: string;
  /** Extra `Host` names (optional `:port`) besides the bound address; default env TRAINYARD_ALLOWED_HOSTS. */
  allowedHosts?: string;
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
/** Shortest TRAINYARD_TOKEN accepted: a guessable token is no protection on a network address. */
export const MIN_TOKEN_LENGTH = 16;
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
  const token = checkToken(options.token ?? process.env.TRAINYARD_TOKEN);
  const extraHosts = options.allowedHosts ?? process.env.TRAINYARD_ALLOWED_HOSTS;
  parseAllowedHosts(extraHosts); // a typo fails here, before anything starts
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
  // The Host names are known once the port is: until then every request is refused.
  let allowedHosts: string[] = [];
  try {
    await removeStaleUploads(uploadDirOf(studio.home));
    app = await buildApp({
      studio,
      allowedHosts: () => allowedHosts,
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
  allowedHosts = allowedHostsFor(host, boundPort, extraHosts, machineNames());
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

/**
 * Refuses a blank or short token: on a network address it is the only lock.
 *
 * @example checkToken(undefined) // undefined (no token: loopback only)
 */
export function checkToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim().length < MIN_TOKEN_LENGTH) {
    throw new Error(
      `TRAINYARD_TOKEN is ${raw.trim() === '' ? 'blank' : 'too short'}: use at least ${MIN_TOKEN_LENGTH} random characters, ` +
        `e.g. the output of \`openssl rand -hex 32\` or \`node -e "console.log(crypto.randomBytes(32).toString('hex'))"\``,
    );
  }
  return raw;
}

/** This machine's names and addresses, for a server bound to every interface (0.0.0.0 or ::). */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return [osHostname().toLowerCase(), ...addresses];
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}
