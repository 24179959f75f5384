import { z } from 'zod';
import type { ErrorBody, ErrorCode } from '../errors.js';

/** Every ErrorCode, for runtime checks of bodies from the wire. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'ENGINE_UNAVAILABLE',
  'TRAINING_FAILED',
  'CANCELLED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'NETWORK',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

/** `{ error: { code, message, field? } }`, the body of every non-2xx answer. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
  }),
});

type Assert<T extends true> = T;
export type ErrorBodySchemaMatches = Assert<
  z.output<typeof ErrorBodySchema> extends ErrorBody
    ? ErrorCode extends (typeof ERROR_CODES)[number]
      ? true
      : false
    : false
>;
