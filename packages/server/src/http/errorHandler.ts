import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type ErrorBody, MlApiError } from '@trainyard/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_BY_CODE } from '../errors.js';

const GENERIC_MESSAGE = 'Internal server error (details are in the server log)';

/**
 * Shapes any thrown value into `{ status, body }`: MlApiError/HttpError pass their code, message and
 * field; Fastify's own 4xx (bad JSON, body too large, wrong content type) become VALIDATION or
 * PAYLOAD_TOO_LARGE naming the body; anything else is a generic 500.
 */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof MlApiError) {
    const status = err.status ?? STATUS_BY_CODE[err.code];
    const message = err.code === 'INTERNAL' ? GENERIC_MESSAGE : err.message;
    const error: ErrorBody['error'] = { code: err.code, message };
    if (err.field !== undefined) error.field = err.field;
    return { status, body: { error }, unexpected: err.code === 'INTERNAL' };
  }
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413) {
    return {
      status,
      body: {
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is larger than the limit', field: 'body' },
      },
      unexpected: false,
    };
  }
  if (status === 415) {
    return {
      status,
      body: {
        error: {
          code: 'VALIDATION',
          message:
            'Unsupported Content-Type: this route takes JSON (Content-Type: application/json); ' +
            'CSV files go to POST /api/datasets as text/csv or a multipart form',
          field: 'Content-Type',
        },
      },
      unexpected: false,
    };
  }
  if (fe.code === 'FST_ERR_BAD_URL') {
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION',
          message: 'The URL is not valid: a % must start an escape like %20',
          field: 'url',
        },
      },
      unexpected: false,
    };
  }
  if (status >= 400 && status < 500) {
    const message =
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'Request body is empty; send a JSON object'
        : err instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
          ? `Request body is not valid JSON: ${fe.message}`
          : (fe.message ?? 'Bad request');
    return {
      status: 400,
      body: { error: { code: 'VALIDATION', message, field: 'body' } },
      unexpected: false,
    };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: GENERIC_MESSAGE } }, unexpected: true };
}

/**
 * Fastify's router answers a malformed URL and an over-long path parameter itself, before any
 * route or hook; this gives those answers the error shape too.
 */
export function sendFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? toErrorResponse(
          new MlApiError(
            'VALIDATION',
            'A path part of the URL is too long: ids have at most 100 characters',
            { field: 'id' },
          ),
        )
      : toErrorResponse(err);
  void reply.status(status).send(body);
}

/**
 * Node answers a request it cannot parse (not HTTP, a request line and headers past 16 KiB, too
 * slow) before Fastify sees it; this gives those answers the error shape too.
 */
export function sendClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request did not arrive in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request line and headers are larger than 16 KiB (an over-long URL or id?)']
        : [400, 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code: 'VALIDATION', message, field: 'request' } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The single place errors become HTTP answers (STYLE.md §7). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body, unexpected } = toErrorResponse(err);
    if (unexpected) request.log.error({ err }, 'unexpected error');
    else request.log.info({ code: body.error.code, field: body.error.field }, body.error.message);
    // A streaming answer already sent its headers; its stream reports the error itself.
    if (reply.sent || reply.raw.headersSent) return;
    return reply.status(status).send(body);
  });
}
