import { type ErrorCode, MlApiError } from '../errors.js';
import { ErrorBodySchema } from '../schemas/errorBodySchema.js';
import type { HttpResponse } from './httpTransport.js';

/** The code of a non-2xx answer whose body did not say. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'VALIDATION';
  if (status === 401 || status === 403) return 'UNAUTHORIZED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 503) return 'ENGINE_UNAVAILABLE';
  return 'INTERNAL';
}

/** An MlApiError from an error body, or null when the value is not one. */
export function errorFromBody(body: unknown, status?: number): MlApiError | null {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { code, message, field } = parsed.data.error;
  const opts: { field?: string; status?: number } = {};
  if (field !== undefined) opts.field = field;
  if (status !== undefined) opts.status = status;
  return new MlApiError(code, message, opts);
}

/**
 * The MlApiError for a non-2xx response: the server's `{ error }` body when there is one, else a
 * user-safe message naming the status.
 */
export async function errorFromResponse(response: HttpResponse): Promise<MlApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const fromBody = errorFromBody(body, response.status);
  if (fromBody) return fromBody;
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new MlApiError(
    codeForStatus(response.status),
    `The Trainyard server answered ${response.status}${statusText}`,
    { status: response.status },
  );
}
