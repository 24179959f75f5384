import { describe, expect, it } from 'vitest';
import {
  buildSweepGrid,
  ignoredSweepFields,
  type SweepGridInput,
  sweepFieldErrors,
  validateSweepGrid,
} from './sweepGrid.js';

const fields: SweepGridInput = {
  framework: 'pytorch',
  epochValues: '10, 20',
  batchSizes: '16',
  learningRates: '0.01',
  testSizes: '0.2',
  hiddenDims: '32, 64',
  numHiddenLayers: '1',
  dropouts: '0.1',
};

describe('buildSweepGrid', () => {
  it('builds the combinations of the seven fields, epochs slowest and dropout fastest', () => {
    const grid = buildSweepGrid(fields);
    expect(grid).toEqual({
      ok: true,
      combinations: [
        {
          epochs: 10,
          batchSize: 16,
          learningRate: 0.01,
          testSize: 0.2,
          hiddenDim: 32,
          numHiddenLayers: 1,
          dropout: 0.1,
        },
        {
          epochs: 10,
          batchSize: 16,
          learningRate: 0.01,
          testSize: 0.2,
          hiddenDim: 64,
          numHiddenLayers: 1,
          dropout: 0.1,
        },
        {
          epochs: 20,
          batchSize: 16,
          learningRate: 0.01,
          testSize: 0.2,
          hiddenDim: 32,
          numHiddenLayers: 1,
          dropout: 0.1,
        },
        {
          epochs: 20,
          batchSize: 16,
          learningRate: 0.01,
          testSize: 0.2,
          hiddenDim: 64,
          numHiddenLayers: 1,
          dropout: 0.1,
        },
      ],
    });
  });

  it('reports the first bad field in form order with the validator message', () => {
    expect(buildSweepGrid({ ...fields, batchSizes: '0', dropouts: 'x' })).toEqual({
      ok: false,
      field: 'batchSizes',
      error: 'Batch size out of range (1-200): 0',
    });
  });

  it('leaves hidden-layer fields out of a linear TensorFlow grid (DR-004 defaults, no duplicates)', () => {
    const grid = buildSweepGrid({ ...fields, framework: 'tensorflow', mode: 'linear', hiddenDims: 'junk' });
    expect(grid.ok).toBe(true);
    if (!grid.ok) return;
    expect(grid.combinations).toHaveLength(2);
    for (const c of grid.combinations)
      expect(c).toMatchObject({ hiddenDim: 128, numHiddenLayers: 2, dropout: 0.1 });
  });

  it('validates hidden-layer fields for a TensorFlow MLP', () => {
    expect(validateSweepGrid({ ...fields, framework: 'tensorflow', mode: 'mlp', hiddenDims: '4' })).toEqual({
      ok: false,
      field: 'hiddenDims',
      error: 'Hidden dim out of range (8-500): 4',
    });
  });

  it('refuses a grid above the combination limit without naming one field', () => {
    const many = Array.from({ length: 200 }, (_, i) => i + 1).join(',');
    const result = validateSweepGrid({ ...fields, epochValues: many, batchSizes: many });
    expect(result).toEqual({
      ok: false,
      error: 'Sweep has 80000 combinations, more than the limit of 10000: use fewer values',
    });
  });
});

describe('sweepFieldErrors', () => {
  it('names every bad field with its validator’s message', () => {
    expect(sweepFieldErrors({ ...fields, epochValues: '0', dropouts: 'x' })).toEqual({
      epochValues: 'Epoch out of range (1-500): 0',
      dropouts: expect.stringContaining('x'),
    });
    expect(sweepFieldErrors(fields)).toEqual({});
  });

  it('leaves out the fields a linear baseline ignores (DR-004), and only those', () => {
    const linear = {
      ...fields,
      framework: 'tensorflow',
      mode: 'linear',
      hiddenDims: '1',
      epochValues: '0',
    } as const;
    expect(ignoredSweepFields(linear)).toEqual(['hiddenDims', 'numHiddenLayers', 'dropouts']);
    expect(Object.keys(sweepFieldErrors(linear))).toEqual(['epochValues']);
    expect(ignoredSweepFields({ framework: 'tensorflow', mode: 'mlp' })).toEqual([]);
    expect(Object.keys(sweepFieldErrors({ ...linear, mode: 'mlp' }))).toEqual(['epochValues', 'hiddenDims']);
  });
});

describe('sweepFieldErrors with a search strategy', () => {
  it('reads ranges for random and tpe with the range messages, and refuses them for a grid', () => {
    const ranged = { ...fields, learningRates: '0.0001..0.1 log', hiddenDims: '256..16', dropouts: '0,x' };
    const expected = {
      hiddenDims: 'Hidden dim range must go from low to high: 256..16',
      dropouts: 'Dropout is not a number: x',
    };
    expect(sweepFieldErrors({ ...ranged, strategy: 'random' })).toEqual(expected);
    expect(sweepFieldErrors({ ...ranged, strategy: 'tpe' })).toEqual(expected);
    expect(sweepFieldErrors({ ...ranged, strategy: 'grid' }).learningRates).toBe(
      'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.0001..0.1 log',
    );
  });
});

describe('a range in a grid', () => {
  it('is refused with a message saying only random and tpe search take ranges, in form order', () => {
    const message =
      'Hidden dim range needs strategy random or tpe; a grid takes a list like "10, 20": 16..256';
    expect(sweepFieldErrors({ ...fields, hiddenDims: ' 16..256 ' })).toEqual({ hiddenDims: message });
    expect(validateSweepGrid({ ...fields, hiddenDims: '16..256' })).toEqual({
      ok: false,
      field: 'hiddenDims',
      error: message,
    });
    expect(validateSweepGrid({ ...fields, epochValues: 'x', hiddenDims: '16..256' })).toMatchObject({
      field: 'epochValues',
    });
  });
});
