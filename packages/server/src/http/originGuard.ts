import { CLIENT_HEADER } from '@trainyard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';

/** Content types a cross-site page may send without a CORS preflight (the Fetch standard's list). */
const SIMPLE_CONTENT_TYPES = new Set([
  'text/plain',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
]);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface OriginGuardOptions {
  /**
   * The `Host` names (`name` or `name:port`, lowercase, IPv6 in brackets) this studio answers to;
   * a name without a port matches any port. Read on every request: the listening server knows its
   * port only once bound. Undefined skips the Host check: `app.inject` users (tests, the CLI's
   * embedded studio) are not reachable by a browser.
   */
  allowedHosts?: () => readonly string[];
}

/**
 * What local development servers do against other websites: a `Host` that is not the studio's own
 * (DNS rebinding) is refused; a write (POST/PUT/PATCH/DELETE) is refused when it comes from another
 * origin (`Origin`, `Sec-Fetch-Site: cross-site`) or is a request any page may send without a
 * preflight (no JSON or CSV content type, no `Authorization`, no `X-Trainyard-Client`). Runs before
 * auth and before any body is read, so a refused write stores nothing.
 *
 * @example installOriginGuard(app, { allowedHosts: () => ['127.0.0.1:8787', 'localhost:8787'] });
 */
export function installOriginGuard(app: FastifyInstance, options: OriginGuardOptions = {}): void {
  app.addHook('onRequest', async (request) => {
    const allowed = options.allowedHosts
      ? new Set(options.allowedHosts().map((h) => h.toLowerCase()))
      : undefined;
    const isAllowedHost = (host: string) => {
      if (!allowed) return false;
      const { name, port } = splitHost(host);
      // A browser leaves out port 80.
      return allowed.has(port === undefined ? `${name}:80` : host) || allowed.has(name);
    };
    const host = (request.headers.host ?? '').toLowerCase();
    if (allowed !== undefined && !isAllowedHost(host)) {
      throw forbidden(
        `Host "${host}" is not an address of this studio; open it at ${firstAddress(allowed)}, or add the name to TRAINYARD_ALLOWED_HOSTS`,
        'Host',
      );
    }
    // A write to no route changes nothing: it gets its helpful 404.
    if (!WRITE_METHODS.has(request.method) || request.is404) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, host, isAllowedHost)) {
      throw forbidden(
        `Writes from another website are refused (Origin ${origin}); use the studio's own page, the CLI or curl`,
        'Origin',
      );
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw forbidden(
        "Writes from another website are refused (Sec-Fetch-Site: cross-site); use the studio's own page, the CLI or curl",
        'Sec-Fetch-Site',
      );
    }
    if (!isNonSimple(request)) {
      throw forbidden(
        'A write must say who sends it: add the header X-Trainyard-Client: <your tool> (or send JSON with ' +
          'Content-Type: application/json, a CSV with Content-Type: text/csv, or an Authorization header); ' +
          'any website can send a plain form, so the studio refuses one',
        'X-Trainyard-Client',
      );
    }
  });
}

/**
 * The Host names a server listening on `host:port` answers to: the loopback names when bound to
 * loopback, the given name otherwise (plus this machine's own names for a wildcard address), and
 * the extra names of TRAINYARD_ALLOWED_HOSTS.
 *
 * @example allowedHostsFor('127.0.0.1', 8787, 'studio.lan') // ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'studio.lan']
 */
export function allowedHostsFor(
  host: string,
  port: number,
  extra: string | undefined,
  machineNames: readonly string[] = [],
): string[] {
  const withPort = (name: string) => `${name.includes(':') ? `[${name}]` : name}:${port}`;
  const names = new Set<string>();
  const loopback = ['localhost', '127.0.0.1', '::1'];
  if (loopback.includes(host)) for (const name of loopback) names.add(withPort(name));
  else if (host === '0.0.0.0' || host === '::') {
    for (const name of [...loopback, ...machineNames]) names.add(withPort(name));
  } else names.add(withPort(host));
  for (const name of parseAllowedHosts(extra)) names.add(name);
  return [...names];
}

/** TRAINYARD_ALLOWED_HOSTS: comma-separated host names, each with an optional `:port`. */
export function parseAllowedHosts(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const name = entry.trim().toLowerCase();
    if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(name)) {
      throw new Error(
        `TRAINYARD_ALLOWED_HOSTS must be comma-separated host names with an optional :port (e.g. studio.lan,studio.lan:8787), got "${entry.trim()}"`,
      );
    }
    return name;
  });
}

function splitHost(host: string): { name: string; port: string | undefined } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
  return { name: match?.[1] ?? host, port: match?.[2] };
}

function isOwnOrigin(origin: string, host: string, isAllowedHost: (host: string) => boolean): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // 'null' (sandboxed frames, file://) or garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // URL drops a default port, a Host header may carry it.
  const sameHost = url.host === host || `${url.host}:${url.protocol === 'http:' ? 80 : 443}` === host;
  return sameHost || isAllowedHost(url.host);
}

function isNonSimple(request: FastifyRequest): boolean {
  const { headers } = request;
  const client = headers[CLIENT_HEADER];
  if (typeof client === 'string' && client.trim() !== '') return true;
  if (headers.authorization !== undefined) return true;
  const type = headers['content-type'];
  if (type === undefined) return false;
  const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence !== '' && !SIMPLE_CONTENT_TYPES.has(essence);
}

function firstAddress(allowed: Set<string>): string {
  const [first] = allowed;
  return first === undefined ? 'its own address' : `http://${first}`;
}

const forbidden = (message: string, field: string) =>
  new HttpError('UNAUTHORIZED', message, { field, status: 403 });
