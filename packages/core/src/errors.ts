/** Stable error codes; callers branch on `code`, never on message text. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ENGINE_UNAVAILABLE'
  | 'TRAINING_FAILED'
  | 'CANCELLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'NETWORK'
  | 'INTERNAL';

/** An expected failure with a user-safe message; `field` names the offending input when there is one. */
export class MlApiError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly status?: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { field?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'MlApiError';
    this.code = code;
    if (opts.field !== undefined) this.field = opts.field;
    if (opts.status !== undefined) this.status = opts.status;
  }
}

/** The JSON error body every HTTP route answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** A user-safe message for anything thrown: MlApiError and Error messages pass, the rest is generic. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Unexpected error';
}
