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

  it('keeps the selection fields and checks them with the run rules', () => {
    const selection = { validationSize: 0.2, patience: 5, minDelta: 0.001 };
    expect(SweepRequestSchema.parse({ ...fields, ...selection })).toMatchObject(selection);
    expect(errorOf({ ...fields, validationSize: 1 })).toEqual({
      field: 'validationSize',
      message: 'Validation size out of range (from 0, below 1): 1',
    });
    expect(errorOf({ ...fields, patience: 5 })).toEqual({
      field: 'patience',
      message: 'Patience needs a validation split (validationSize above 0) or folds: 5',
    });
    expect(errorOf({ ...fields, validationSize: 0.2, minDelta: 0.01 })).toEqual({
      field: 'minDelta',
      message: 'Min delta applies only with patience: 0.01',
    });
  });

  it('keeps folds, with patience per fold and tpe, and refuses what does not fit with them', () => {
    const kfold = { folds: 5, patience: 3, strategy: 'tpe', maxRuns: 4 };
    expect(SweepRequestSchema.parse({ ...fields, ...kfold })).toMatchObject(kfold);
    expect(errorOf({ ...fields, folds: 11 })).toEqual({
      field: 'folds',
      message: 'Folds out of range (2-10): 11',
    });
    expect(errorOf({ ...fields, folds: 'five' })).toEqual({
      field: 'folds',
      message: 'Folds is not a number: "five"',
    });
    expect(errorOf({ ...fields, folds: 5, validationSize: 0.2 })).toEqual({
      field: 'validationSize',
      message: 'Validation size must be 0 with folds 5 (the folds replace the validation split): 0.2',
    });
    expect(errorOf({ ...fields, folds: 3, pruner: 'asha' })).toEqual({
      field: 'pruner',
      message: 'Pruner asha cannot be used with folds 3 (prune on a validation split instead): asha',
    });
    expect(SweepRequestSchema.parse({ ...fields, folds: 3, pruner: 'none' })).toMatchObject({ folds: 3 });
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

  it('keeps fused (issue 16) when sent and rejects anything but a boolean, naming field and value', () => {
    expect(SweepRequestSchema.parse({ ...fields, fused: false }).fused).toBe(false);
    expect(SweepRequestSchema.parse(fields)).not.toHaveProperty('fused');
    expect(errorOf({ ...fields, fused: 'no' })).toEqual({
      field: 'fused',
      message: 'Fused must be true or false: "no"',
    });
  });

  it('checks concurrency bounds', () => {
    expect(errorOf({ ...fields, concurrency: 0 })).toEqual({
      field: 'concurrency',
      message: 'Concurrency out of range (1-64): 0',
    });
  });

  it('accepts the search options and ranges for random and tpe, leaving them out when not sent', () => {
    const search = {
      strategy: 'tpe',
      maxRuns: 20,
      maxMinutes: 0.5,
      pruner: 'asha',
      gracePeriod: 2,
      reductionFactor: 3,
      searchSeed: 7,
      // A pruner watches the validation score.
      validationSize: 0.2,
    };
    const body = { ...fields, ...search, learningRates: '0.0001..0.1 log', hiddenDims: '16..256' };
    expect(SweepRequestSchema.parse(body)).toEqual({ ...body, mode: 'mlp' });
    expect(Object.keys(SweepRequestSchema.parse(fields)).sort()).toEqual(
      [...Object.keys(fields), 'mode'].sort(),
    );
  });

  it.each([
    [{ strategy: 'bayes' }, 'strategy', 'Strategy must be grid, random or tpe: "bayes"'],
    [{ pruner: 'hyperband' }, 'pruner', 'Pruner must be none, asha or median: "hyperband"'],
    [
      { keepPrunedModels: true },
      'keepPrunedModels',
      'Keep pruned models applies only with pruner asha or median: true',
    ],
    [
      { pruner: 'asha', keepPrunedModels: 'yes' },
      'keepPrunedModels',
      'Keep pruned models must be true or false: "yes"',
    ],
    [{ strategy: 'random', maxRuns: 0 }, 'maxRuns', 'Max runs out of range (1-10000): 0'],
    [{ strategy: 'random', maxRuns: 2.5 }, 'maxRuns', 'Max runs must be a whole number: 2.5'],
    [{ strategy: 'random', maxRuns: '5' }, 'maxRuns', 'Max runs is not a number: "5"'],
    [
      { strategy: 'random', maxMinutes: 0 },
      'maxMinutes',
      'Max minutes out of range (above 0 up to 10080): 0',
    ],
    [{ pruner: 'asha', gracePeriod: 0 }, 'gracePeriod', 'Grace period out of range (1-500): 0'],
    [{ pruner: 'asha', reductionFactor: 1 }, 'reductionFactor', 'Reduction factor out of range (2-10): 1'],
    [{ strategy: 'random', searchSeed: -1 }, 'searchSeed', 'Search seed out of range (0-4294967295): -1'],
    [{ maxRuns: 5 }, 'maxRuns', 'Max runs applies only to strategy random or tpe: 5'],
    [
      { learningRates: '0.0001..0.1 log' },
      'learningRates',
      'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.0001..0.1 log',
    ],
    [
      { strategy: 'random', learningRates: '0.1..0.0001 log', maxRuns: 5 },
      'learningRates',
      'Learning rate range must go from low to high: 0.1..0.0001 log',
    ],
  ])('rejects %j with a message naming the field and the value', (extra, field, message) => {
    expect(errorOf({ ...fields, ...extra })).toEqual({ field, message });
  });
});
