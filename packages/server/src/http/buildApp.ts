import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import type { Studio } from '../studio/createStudio.js';
import { installAuth, redactToken } from './auth.js';
import { installErrorHandler, sendClientError, sendFrameworkError } from './errorHandler.js';
import { installJsonBodyParser } from './jsonBody.js';
import { installOriginGuard } from './originGuard.js';
import { publicJson } from './publicJson.js';
import { datasetRoutes } from './routes/datasetRoutes.js';
import { healthRoutes } from './routes/healthRoutes.js';
import { modelRoutes } from './routes/modelRoutes.js';
import { predictRoutes } from './routes/predictRoutes.js';
import { runRoutes } from './routes/runRoutes.js';
import { sweepRoutes } from './routes/sweepRoutes.js';
import { trainingRoutes } from './routes/trainingRoutes.js';
import { registerWebApp, sendAppShell } from './webApp.js';

/** JSON bodies above this are answered 413. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** CSV uploads above this are answered 413 (env TRAINYARD_UPLOAD_LIMIT overrides, in bytes). */
export const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;

export interface BuildAppOptions {
  studio: Studio;
  /** When set, every /api route needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Folder of the built web app; default packages/web/dist. */
  webRoot?: string;
  /** Fastify/pino logger options; default off (tests). */
  logger?: boolean | object;
  bodyLimit?: number;
  uploadLimit?: number;
  /**
   * The `Host` names the studio answers to (DNS-rebinding guard); `startServer` sets the listening
   * address's. Unset (tests, the CLI's embedded studio over `app.inject`): no Host check.
   */
  allowedHosts?: () => readonly string[];
}

/**
 * The Fastify app of the studio: every /api route, the error handler, auth and the web app.
 * It does not listen; `startServer` does, tests call `app.inject()`.
 *
 * @example const app = await buildApp({ studio }); const res = await app.inject('/api/health');
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { studio } = options;
  const uploadLimit = options.uploadLimit ?? envUploadLimit() ?? DEFAULT_UPLOAD_LIMIT;
  // Tokens may arrive as ?token= on the two browser-opened routes; keep them out of the logs.
  const logger = options.logger
    ? {
        ...(typeof options.logger === 'object' ? options.logger : {}),
        serializers: {
          req: (req: { method: string; url: string; id: string }) => ({
            method: req.method,
            url: redactToken(req.url),
            id: req.id,
          }),
        },
      }
    : false;
  const app = Fastify({
    logger,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // SSE streams never go idle; on close, do not wait for them.
    forceCloseConnections: true,
    // Let an over-long id reach its route, whose id schema answers 400 naming it (Node's header
    // limit bounds the URL anyway); the router's own 414 and bad-URL answers get the error shape.
    routerOptions: { maxParamLength: 16 * 1024 },
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: sendClientError,
    // While closing, answer 503 in the error shape (below) instead of Fastify's own body.
    return503OnClosing: false,
  });

  installErrorHandler(app);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing)
      throw new HttpError('ENGINE_UNAVAILABLE', 'The studio is shutting down; try again once it is back');
  });
  installOriginGuard(app, options.allowedHosts ? { allowedHosts: options.allowedHosts } : {});
  installAuth(app, options.token);
  installJsonBodyParser(app);
  // Only POST /api/datasets takes text or forms (in its own scope below); elsewhere they are a 415.
  app.removeContentTypeParser('text/plain');
  // No absolute path of this machine leaves over HTTP: modelPath is relative to the data directory.
  app.setReplySerializer(publicJson(studio.home));
  healthRoutes(app, studio);
  await app.register(async (scope) => {
    // Multipart CSV uploads (the form alternative to a raw text/csv body).
    await scope.register(multipart);
    datasetRoutes(scope, studio, { uploadLimit });
  });
  trainingRoutes(app, studio);
  runRoutes(app, studio);
  modelRoutes(app, studio);
  await predictRoutes(app, studio, { bodyLimit: uploadLimit });
  sweepRoutes(app, studio);
  const { built } = await registerWebApp(app, options.webRoot);

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      path === '/api' ||
      path.startsWith('/api/') ||
      (request.method !== 'GET' && request.method !== 'HEAD')
    ) {
      throw new HttpError(
        'NOT_FOUND',
        `No route ${request.method} ${redactToken(path)}; the API lives under /api (GET /api/health to check the server)`,
      );
    }
    return sendAppShell(reply, built);
  });
  return app;
}

function envUploadLimit(): number | undefined {
  const raw = process.env.TRAINYARD_UPLOAD_LIMIT;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`TRAINYARD_UPLOAD_LIMIT must be a whole number of bytes, got "${raw}"`);
  }
  return value;
}
