import { firstSchemaError } from '@trainyard/core';
import type { z } from 'zod';
import { HttpError } from '../errors.js';

/**
 * Parses a request part with a core schema or throws VALIDATION naming the field. `field` names a
 * bare value (a path parameter) whose schema has no path of its own.
 *
 * @example const id = parseInput(RecordIdSchema, request.params.id, 'id');
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = firstSchemaError(parsed.error);
  const name = first.field ?? field;
  throw new HttpError('VALIDATION', first.message, name === undefined ? {} : { field: name });
}

/** A patch with no body at all changes nothing; a body that is there (even `null`) must be an object. */
export const patchBody = (body: unknown): unknown => (body === undefined ? {} : body);
