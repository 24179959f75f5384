/** The part of a Fastify instance the adapter needs (`app.inject`, light-my-request). */
export interface Injectable {
  inject(opts: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: Buffer;
  }): Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }>;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * A `fetch` that answers from a Fastify app in this process (no socket), so embedded mode goes
 * through exactly the routes, validation and error shapes a remote server has.
 * Responses arrive whole: use it for request/response routes, not for live streams.
 */
export function injectFetch(app: Injectable): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const opts: Parameters<Injectable['inject']>[0] = {
      method: request.method,
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
    };
    if (payload) opts.payload = payload;
    const res = await app.inject(opts);
    const headers = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(key, String(v));
      else if (value !== undefined) headers.set(key, String(value));
    }
    const body = NULL_BODY_STATUS.has(res.statusCode) ? null : new Uint8Array(res.rawPayload);
    return new Response(body, { status: res.statusCode, headers });
  };
}
