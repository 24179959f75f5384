import { MlApiError } from '../errors.js';
import { errorFromResponse } from './responseError.js';

/** The part of a fetch Response the clients read; the global Response (browser, Node) is one. */
export interface HttpResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface HttpRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
}

/** What core calls to send a request: the global `fetch` fits, and so does the CLI's in-process one. */
export type Fetch = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/** Header every Trainyard client sends: it names the client, and makes every write a non-simple request. */
export const CLIENT_HEADER = 'x-trainyard-client';

export interface HttpClientOptions {
  /** The studio's origin, e.g. `http://127.0.0.1:8787` ('' for the page's own origin). */
  baseUrl: string;
  /** Injected: core never reaches for the global one (bind it at the call site). */
  fetch: Fetch;
  /** Sent as `authorization: Bearer <token>` (the server requires it off loopback). */
  token?: string;
  /** Value of the X-Trainyard-Client header: 'web', 'cli', or 'core' (the default) for library users. */
  client?: string;
  /** Aborts every request of this client (the CLI's Ctrl-C): they reject with CANCELLED. */
  signal?: AbortSignal;
  /**
   * Milliseconds to wait for a connection and the answer's headers before giving up with NETWORK;
   * the body (a stream of events) may then take as long as it needs. None by default.
   */
  timeoutMs?: number;
}

export interface SendInit {
  method?: string;
  /** Undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface HttpTransport {
  readonly baseUrl: string;
  /** The client-wide signal, if any. */
  readonly signal?: AbortSignal;
  /** `baseUrl + path?query`, leaving out undefined query values. */
  url(path: string, query?: SendInit['query']): string;
  /** The answer, whatever its status; failures to get one reject with MlApiError. */
  fetchResponse(path: string, init?: SendInit): Promise<HttpResponse>;
  /** The answer of a 2xx; any other status rejects with the server's MlApiError (code, message, field). */
  send(path: string, init?: SendInit): Promise<HttpResponse>;
  /** The JSON body of a 2xx answer. */
  json<T>(path: string, init?: SendInit): Promise<T>;
}

/** `new MlApiError('CANCELLED')` when one of the signals was aborted, else null. */
export function cancelledBy(signals: Array<AbortSignal | undefined>, cause: unknown): MlApiError | null {
  return signals.some((s) => s?.aborted) ? new MlApiError('CANCELLED', 'Cancelled', { cause }) : null;
}

/** The JSON of a body; an answer that is not JSON rejects with INTERNAL. */
export async function readJson(response: HttpResponse): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch (err) {
    throw new MlApiError('INTERNAL', 'The Trainyard server sent an answer that is not JSON', {
      status: response.status,
      cause: err,
    });
  }
}

/**
 * The one request function of every Trainyard HTTP client (MlApi, studio routes, SSE): headers
 * (accept, auth, X-Trainyard-Client), one mapping of failures — an abort by the caller or the
 * client is CANCELLED, no answer is NETWORK naming the server, a non-2xx is the server's error.
 *
 * @example const http = createHttpTransport({ baseUrl: 'http://127.0.0.1:8787', fetch: (u, i) => fetch(u, i) });
 */
export function createHttpTransport(o: HttpClientOptions): HttpTransport {
  const base = o.baseUrl.replace(/\/+$/, '');
  const where = o.baseUrl || 'this address';

  const url = (path: string, query: SendInit['query'] = {}) => {
    const params = new URLSearchParams();
    let any = false;
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      params.set(key, String(value));
      any = true;
    }
    return `${base}${path}${any ? `?${params}` : ''}`;
  };

  const fetchResponse = async (path: string, init: SendInit = {}): Promise<HttpResponse> => {
    const headers: Record<string, string> = {
      accept: init.accept ?? 'application/json',
      [CLIENT_HEADER]: o.client ?? 'core',
    };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const request: HttpRequestInit = { method: init.method ?? 'GET', headers };
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      request.body = JSON.stringify(init.json);
    } else if (init.body !== undefined) {
      headers['content-type'] = init.contentType ?? 'application/octet-stream';
      request.body = init.body;
    }
    const timeout = o.timeoutMs === undefined ? undefined : new AbortController();
    const signals = [init.signal, o.signal, timeout?.signal].filter((s): s is AbortSignal => s !== undefined);
    if (signals.length > 0) request.signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    const timer = timeout ? setTimeout(() => timeout.abort(), o.timeoutMs!) : undefined;
    try {
      return await o.fetch(url(path, init.query), request);
    } catch (err) {
      if (err instanceof MlApiError) throw err;
      const cancelled = cancelledBy([init.signal, o.signal], err);
      if (cancelled) throw cancelled;
      if (timeout?.signal.aborted) {
        throw new MlApiError(
          'NETWORK',
          `The Trainyard server at ${where} did not answer within ${o.timeoutMs! / 1000} s`,
          { cause: err },
        );
      }
      // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is in its cause.
      const reason = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new MlApiError('NETWORK', `Cannot reach the Trainyard server at ${where}${reason}`, {
        cause: err,
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  const send = async (path: string, init: SendInit = {}) => {
    const response = await fetchResponse(path, init);
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  };

  const transport: HttpTransport = {
    baseUrl: o.baseUrl,
    url,
    fetchResponse,
    send,
    json: async <T>(path: string, init?: SendInit) => (await readJson(await send(path, init))) as T,
  };
  return o.signal ? { ...transport, signal: o.signal } : transport;
}
