import { describe, expect, it } from 'vitest';
import { DatasetRowsQuerySchema } from './datasetRowsQuerySchema.js';
import { firstSchemaError } from './firstSchemaError.js';

const errorOf = (input: unknown) => {
  const result = DatasetRowsQuerySchema.safeParse(input);
  return result.success ? null : firstSchemaError(result.error);
};

describe('DatasetRowsQuerySchema', () => {
  it('defaults to offset 0 and limit 100 and parses query-string numbers', () => {
    expect(DatasetRowsQuerySchema.parse({})).toEqual({ offset: 0, limit: 100 });
    expect(DatasetRowsQuerySchema.parse({ offset: '200', limit: '1000' })).toEqual({
      offset: 200,
      limit: 1000,
    });
    expect(DatasetRowsQuerySchema.parse({ offset: 5, limit: 1 })).toEqual({ offset: 5, limit: 1 });
    expect(DatasetRowsQuerySchema.parse({ offset: '1e2', limit: '1e3' })).toEqual({
      offset: 100,
      limit: 1000,
    });
  });

  it('caps a limit above 1000 at 1000 instead of refusing it', () => {
    expect(DatasetRowsQuerySchema.parse({ limit: '1001' })).toEqual({ offset: 0, limit: 1000 });
    expect(DatasetRowsQuerySchema.parse({ limit: 50_000 })).toEqual({ offset: 0, limit: 1000 });
  });

  it.each([
    [{ offset: '-1' }, 'offset', 'Offset out of range (0 or more): -1'],
    [{ limit: '0' }, 'limit', 'Limit out of range (1-1000): 0'],
    [{ limit: '1e999' }, 'limit', 'Limit is not a number: 1e999'],
    [{ limit: '0x10' }, 'limit', 'Limit is not a number: 0x10'],
    [{ offset: '2.5' }, 'offset', 'Offset must be a whole number: 2.5'],
    [{ offset: ['1', '2'] }, 'offset', 'Offset is not a number: 1,2'],
  ])('rejects %j', (query, field, message) => {
    expect(errorOf(query)).toEqual({ field, message });
  });
});
