import { createHttpStudioClient, type Fetch } from '@trainyard/core';
import type { StudioClient } from './studioClient.js';

export interface RemoteStudioOptions {
  baseUrl: string;
  token?: string;
  /** Defaults to the global fetch; the embedded client passes one that injects into Fastify. */
  fetch?: Fetch;
  kind?: StudioClient['kind'];
  location?: string;
  /** Aborts every request (Ctrl-C): they reject with CANCELLED at once. */
  signal?: AbortSignal;
  /** Connect + answer-headers timeout of each request, in milliseconds. */
  timeoutMs?: number;
}

/** The global fetch, looked up at call time (tests may replace it). */
const globalFetch: Fetch = (url, init) => globalThis.fetch(url, init);

/**
 * A StudioClient over the studio's HTTP API: core's client, sending `X-Trainyard-Client: cli`.
 * @example const client = createRemoteStudioClient({ baseUrl: 'http://127.0.0.1:8787' });
 */
export function createRemoteStudioClient(options: RemoteStudioOptions): StudioClient {
  const { kind, location, fetch, ...http } = options;
  return {
    ...createHttpStudioClient({ ...http, fetch: fetch ?? globalFetch, client: 'cli' }),
    kind: kind ?? 'remote',
    location: location ?? options.baseUrl,
    async close() {},
  };
}
