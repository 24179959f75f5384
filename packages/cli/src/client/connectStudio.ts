import { createEmbeddedStudioClient } from './embeddedStudioClient.js';
import { createRemoteStudioClient, type RemoteStudioOptions } from './remoteStudioClient.js';
import type { StudioClient } from './studioClient.js';

/** The global flags that pick a studio. */
export interface StudioTarget {
  /** URL of a running server; without it the embedded studio under `home` is used. */
  server?: string;
  token?: string;
  home?: string;
  concurrency?: number;
  /** Seconds to wait for a server to connect and answer (--timeout). */
  timeoutSeconds?: number;
  /** Ctrl-C: aborts every request to the server at once. */
  signal?: AbortSignal;
}

export type ConnectStudio = (target: StudioTarget) => Promise<StudioClient>;

/** Seconds a server gets to accept the connection and send an answer's headers. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/**
 * Opens the studio the flags name: a server (--server URL), checked with its health route so a
 * port that is not a Trainyard server is said to be one, or the embedded one (--home).
 */
export const connectStudio: ConnectStudio = async (target) => {
  if (target.server) {
    const options: RemoteStudioOptions = {
      baseUrl: target.server,
      timeoutMs: (target.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    };
    if (target.token) options.token = target.token;
    if (target.signal) options.signal = target.signal;
    const client = createRemoteStudioClient(options);
    await client.health();
    return client;
  }
  const options: Parameters<typeof createEmbeddedStudioClient>[0] = {};
  if (target.home) options.home = target.home;
  if (target.concurrency) options.concurrency = target.concurrency;
  return createEmbeddedStudioClient(options);
};
