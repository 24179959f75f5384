import type { HealthInfo } from '@trainyard/core';
import type { FastifyInstance } from 'fastify';
import type { Studio } from '../../studio/createStudio.js';
import { SERVER_VERSION } from '../../version.js';

/** GET /api/health: version and each engine's availability (a missing engine is a state, not an error). */
export function healthRoutes(app: FastifyInstance, studio: Studio): void {
  app.get(
    '/api/health',
    async (): Promise<HealthInfo> => ({
      status: 'ok',
      version: SERVER_VERSION,
      engines: await studio.local.status(),
    }),
  );
}
