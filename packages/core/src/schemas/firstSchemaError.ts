import type { z } from 'zod';
import { MlApiError } from '../errors.js';

/**
 * The first issue of a failed parse as `{ field, message }` (field = the issue path joined with '.',
 * absent for whole-body problems), ready for `{ error: { code: 'VALIDATION', message, field } }`.
 *
 * @example firstSchemaError(TrainRequestSchema.safeParse({ ...req, epochs: 0 }).error!)
 * // { field: 'epochs', message: 'Epoch out of range (1-500): 0' }
 */
export function firstSchemaError(error: z.ZodError): { field?: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { message: 'Invalid input' };
  const field = issue.path.map(String).join('.');
  return field === '' ? { message: issue.message } : { field, message: issue.message };
}

/**
 * Parses or throws MlApiError code VALIDATION with the first issue's field and message.
 *
 * @example const req = parseOrThrow(TrainRequestSchema, body);
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { field, message } = firstSchemaError(parsed.error);
  throw new MlApiError('VALIDATION', message, field === undefined ? {} : { field });
}
