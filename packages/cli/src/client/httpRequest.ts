import { errorFromResponse, MlApiError } from '@trainyard/core';

export interface HttpOptions {
  baseUrl: string;
  token?: string;
  fetch: typeof fetch;
}

export interface RequestInitLite {
  method?: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: Uint8Array;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/** Builds `baseUrl + path?query`, leaving out undefined query values. */
export function buildUrl(baseUrl: string, path: string, query: RequestInitLite['query'] = {}): string {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Sends one request; a non-2xx answer becomes the server's `MlApiError` (code, message, field). */
export async function httpRequest(
  o: HttpOptions,
  path: string,
  init: RequestInitLite = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: init.accept ?? 'application/json' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: RequestInit['body'];
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body) {
    headers['content-type'] = init.contentType ?? 'application/octet-stream';
    body = init.body;
  }
  const requestInit: RequestInit = { method: init.method ?? 'GET', headers };
  if (body !== undefined) requestInit.body = body;
  if (init.signal) requestInit.signal = init.signal;
  let res: Response;
  try {
    res = await o.fetch(buildUrl(o.baseUrl, path, init.query), requestInit);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : '';
    throw new MlApiError(
      'NETWORK',
      `Cannot reach the Trainyard server at ${o.baseUrl}${reason ? `: ${reason}` : ''}`,
      {
        cause: err,
      },
    );
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

export async function httpJson<T>(o: HttpOptions, path: string, init: RequestInitLite = {}): Promise<T> {
  const res = await httpRequest(o, path, init);
  return (await res.json()) as T;
}
