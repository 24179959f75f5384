import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MlApiError } from '../errors.js';
import { ErrorBodySchema } from './errorBodySchema.js';
import { firstSchemaError, parseOrThrow } from './firstSchemaError.js';

describe('firstSchemaError / parseOrThrow', () => {
  it('joins a nested path with dots', () => {
    const result = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    expect(result.success || firstSchemaError(result.error).field).toBe('a.b');
  });

  it('throws a VALIDATION MlApiError carrying the field', () => {
    const schema = z.object({ n: z.number().max(1, { error: 'n too big' }) });
    expect(parseOrThrow(schema, { n: 1 })).toEqual({ n: 1 });
    let thrown: unknown;
    try {
      parseOrThrow(schema, { n: 2 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(MlApiError);
    expect(thrown).toMatchObject({ code: 'VALIDATION', field: 'n', message: 'n too big' });
  });

  it('ErrorBodySchema accepts the error body and refuses an unknown code', () => {
    expect(ErrorBodySchema.safeParse({ error: { code: 'NOT_FOUND', message: 'No dataset x' } }).success).toBe(
      true,
    );
    expect(ErrorBodySchema.safeParse({ error: { code: 'TEAPOT', message: 'x' } }).success).toBe(false);
  });
});
