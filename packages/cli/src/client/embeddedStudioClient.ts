import type { SweepStatus } from '@trainyard/core';
import { injectFetch } from './injectFetch.js';
import { createRemoteStudioClient } from './remoteStudioClient.js';
import type { StudioClient } from './studioClient.js';

export interface EmbeddedOptions {
  /** Data directory (TRAINYARD_HOME); the server's default when omitted. */
  home?: string;
  /** Parallel trainings; defaults to the machine's cores. */
  concurrency?: number;
}

/**
 * The studio in this process: the server's own routes answer through `app.inject` (no socket),
 * so datasets, runs and models behave exactly as on a server; sweeps run on its durable sweep
 * service and training calls go straight to the studio's MlApi, so progress is live.
 */
export async function createEmbeddedStudioClient(options: EmbeddedOptions = {}): Promise<StudioClient> {
  // Loaded on demand: `trainyard --help` and `--server` commands never pay for the engines.
  const { createStudio, buildApp } = await import('@trainyard/server');
  const studioOptions: { home?: string; concurrency?: number } = {};
  if (options.home) studioOptions.home = options.home;
  if (options.concurrency) studioOptions.concurrency = options.concurrency;
  const studio = await createStudio(studioOptions);
  const app = await buildApp({ studio, logger: false });
  await app.ready();
  const http = createRemoteStudioClient({
    baseUrl: 'http://embedded.trainyard.invalid',
    fetch: injectFetch(app),
    kind: 'embedded',
    location: studio.home,
  });
  return {
    ...http,
    api: studio.api,
    async followSweep(id, onEvent, signal) {
      // follow() replays the current progress and finished rows before live events.
      const unsubscribe = await studio.sweeps.follow(id, onEvent);
      try {
        const done = studio.sweeps.whenDone(id).then((record): SweepStatus => record.status);
        if (!signal) return await done;
        const detached = new Promise<'detached'>((resolve) => {
          if (signal.aborted) resolve('detached');
          signal.addEventListener('abort', () => resolve('detached'), { once: true });
        });
        return await Promise.race([done, detached]);
      } finally {
        unsubscribe();
      }
    },
    async close() {
      // Studio first, as the server does: it stops sweeps and trainings, marking them interrupted.
      await studio.close();
      await app.close();
    },
  };
}
