import { describe, expect, it } from 'vitest';
import { firstSchemaError } from './firstSchemaError.js';
import { SweepRequestSchema } from './sweepRequestSchema.js';

const fields = {
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues: '10,20',
  batchSizes: '16',
  learningRates: '0.01',
  testSizes: '0.2',
  hiddenDims: '32',
  numHiddenLayers: '1',
  dropouts: '0.1',
};

const errorOf = (input: unknown) => {
  const result = SweepRequestSchema.safeParse(input);
  return result.success ? null : firstSchemaError(result.error);
};

describe('SweepRequestSchema', () => {
  it("keeps the raw fields and defaults mode to 'mlp'", () => {
    expect(SweepRequestSchema.parse({ ...fields, seed: 1, concurrency: 2 })).toEqual({
      ...fields,
      mode: 'mlp',
      seed: 1,
      concurrency: 2,
    });
  });

  it('reports the first bad list with the validator message and the raw field name', () => {
    expect(errorOf({ ...fields, epochValues: '0,10' })).toEqual({
      field: 'epochValues',
      message: 'Epoch out of range (1-500): 0',
    });
    expect(errorOf({ ...fields, testSizes: 'abc', dropouts: '2' })).toEqual({
      field: 'testSizes',
      message: 'Test size is not a number: abc',
    });
  });

  it('rejects a list that is not text, and the linear mode for pytorch', () => {
    expect(errorOf({ ...fields, batchSizes: 16 })).toEqual({
      field: 'batchSizes',
      message: 'Batch size values must be text like "10, 20": 16',
    });
    expect(errorOf({ ...fields, mode: 'linear' })).toEqual({
      field: 'mode',
      message: 'Mode linear exists only for tensorflow: pytorch',
    });
  });

  it('ignores hidden-layer lists of a linear tensorflow sweep', () => {
    const parsed = SweepRequestSchema.safeParse({
      ...fields,
      framework: 'tensorflow',
      mode: 'linear',
      dropouts: '',
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects a grid above the combination limit without a field', () => {
    const many = Array.from({ length: 200 }, (_, i) => i + 1).join(',');
    expect(errorOf({ ...fields, epochValues: many, batchSizes: many })).toEqual({
      message: 'Sweep has 40000 combinations, more than the limit of 10000: use fewer values',
    });
  });

  it('checks concurrency bounds', () => {
    expect(errorOf({ ...fields, concurrency: 0 })).toEqual({
      field: 'concurrency',
      message: 'Concurrency out of range (1-64): 0',
    });
  });
});
