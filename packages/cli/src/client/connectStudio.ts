import { createEmbeddedStudioClient } from './embeddedStudioClient.js';
import { createHttpStudioClient } from './httpStudioClient.js';
import type { StudioClient } from './studioClient.js';

/** The global flags that pick a studio. */
export interface StudioTarget {
  /** URL of a running server; without it the embedded studio under `home` is used. */
  server?: string;
  token?: string;
  home?: string;
  concurrency?: number;
}

export type ConnectStudio = (target: StudioTarget) => Promise<StudioClient>;

/** Opens the studio the flags name: a server (--server URL) or the embedded one (--home). */
export const connectStudio: ConnectStudio = async (target) => {
  if (target.server) {
    const options: Parameters<typeof createHttpStudioClient>[0] = { baseUrl: target.server };
    if (target.token) options.token = target.token;
    return createHttpStudioClient(options);
  }
  const options: Parameters<typeof createEmbeddedStudioClient>[0] = {};
  if (target.home) options.home = target.home;
  if (target.concurrency) options.concurrency = target.concurrency;
  return createEmbeddedStudioClient(options);
};
