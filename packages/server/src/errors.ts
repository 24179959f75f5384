import { type ErrorCode, MlApiError } from '@trainyard/core';

/** HTTP status of every error code; the one table the error handler reads. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  // 499 is nginx-only; a cancelled run is a state conflict the client caused.
  CANCELLED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TRAINING_FAILED: 422,
  INTERNAL: 500,
  NETWORK: 502,
  ENGINE_UNAVAILABLE: 503,
};

/**
 * The one error type routes throw (STYLE.md §7). It is an MlApiError, so in-process callers
 * branch on the same `code`.
 *
 * @example throw new HttpError('NOT_FOUND', 'No run with id "r1"', { field: 'id' });
 */
export class HttpError extends MlApiError {
  /** `status` overrides the code's usual one (403 for a refused origin, still code UNAUTHORIZED). */
  constructor(
    code: ErrorCode,
    message: string,
    opts: { field?: string; cause?: unknown; status?: number } = {},
  ) {
    super(code, message, { ...opts, status: opts.status ?? STATUS_BY_CODE[code] });
    this.name = 'HttpError';
  }
}

/** A 404 that says what was looked for and where to find valid ids. */
export function notFound(what: string, id: string, listRoute: string, field = 'id'): HttpError {
  return new HttpError('NOT_FOUND', `No ${what} with id "${id}" (GET ${listRoute} lists them)`, { field });
}
