import { describe, expect, it } from 'vitest';
import { parseSweepFlags, SWEEP_DEFAULTS } from './sweepFlags.js';

const base = { framework: 'pytorch', dataset: 'iris' };

describe('parseSweepFlags', () => {
  it('reports AC-005 for --epochs 0,10 with the validator message and the flag', () => {
    expect(parseSweepFlags({ ...base, epochs: '0,10' })).toEqual({
      ok: false,
      flag: '--epochs',
      error: 'Epoch out of range (1-500): 0',
    });
  });

  it('fills omitted lists with the documented defaults', () => {
    const parsed = parseSweepFlags(base);
    expect(parsed.ok && parsed.fields).toMatchObject({
      framework: 'pytorch',
      datasetId: 'iris',
      epochValues: SWEEP_DEFAULTS.epochs,
      batchSizes: SWEEP_DEFAULTS.batchSizes,
      dropouts: SWEEP_DEFAULTS.dropouts,
    });
    expect(parsed.ok && parsed.combinations).toBe(1);
  });

  it('holds out 0.2 for validation unless --validation-size says otherwise', () => {
    const parsed = parseSweepFlags(base);
    expect(parsed.ok && parsed.fields.validationSize).toBe(0.2);
    const none = parseSweepFlags({ ...base, validationSize: '0' });
    expect(none.ok && none.fields.validationSize).toBe(0);
  });

  it('with --folds sends k-fold instead of the default validation split, and refuses what does not fit', () => {
    const parsed = parseSweepFlags({ ...base, folds: '5', patience: '3' });
    expect(parsed.ok && parsed.fields).toMatchObject({ folds: 5, validationSize: 0, patience: 3 });
    expect(parseSweepFlags({ ...base, folds: '11' })).toEqual({
      ok: false,
      flag: '--folds',
      error: 'Folds out of range (2-10): 11',
    });
    expect(parseSweepFlags({ ...base, folds: 'five' })).toEqual({
      ok: false,
      flag: '--folds',
      error: 'Folds is not a number: "five"',
    });
    expect(parseSweepFlags({ ...base, folds: '3', validationSize: '0.2' })).toEqual({
      ok: false,
      flag: '--validation-size',
      error: 'Validation size must be 0 with folds 3 (the folds replace the validation split): 0.2',
    });
    expect(parseSweepFlags({ ...base, folds: '3', pruner: 'median' })).toEqual({
      ok: false,
      flag: '--pruner',
      error: 'Pruner median cannot be used with folds 3 (prune on a validation split instead): median',
    });
  });

  it('turns the search and early-stopping flags into sweep fields', () => {
    const parsed = parseSweepFlags({
      ...base,
      strategy: 'random',
      learningRates: '0.0001..0.1 log',
      maxRuns: '12',
      pruner: 'asha',
      gracePeriod: '2',
      reductionFactor: '3',
      searchSeed: '9',
      patience: '4',
      minDelta: '0.01',
    });
    expect(parsed).toMatchObject({
      ok: true,
      combinations: 12,
      fields: {
        strategy: 'random',
        maxRuns: 12,
        pruner: 'asha',
        gracePeriod: 2,
        reductionFactor: 3,
        searchSeed: 9,
        patience: 4,
        minDelta: 0.01,
        validationSize: 0.2,
      },
    });
  });

  it('names the flag of a bad search or selection value with the core message', () => {
    expect(parseSweepFlags({ ...base, validationSize: '1' })).toEqual({
      ok: false,
      flag: '--validation-size',
      error: 'Validation size out of range (from 0, below 1): 1',
    });
    expect(parseSweepFlags({ ...base, validationSize: '0', patience: '3' })).toEqual({
      ok: false,
      flag: '--patience',
      error: 'Patience needs a validation split (validationSize above 0) or folds: 3',
    });
    expect(parseSweepFlags({ ...base, strategy: 'bayes' })).toMatchObject({
      ok: false,
      flag: '--strategy',
      error: 'Strategy must be grid, random or tpe: "bayes"',
    });
    expect(parseSweepFlags({ ...base, fused: 'yes' as never })).toEqual({
      ok: false,
      flag: '--fused',
      error: 'Fused must be true or false: "yes"',
    });
    expect(parseSweepFlags({ ...base, keepPrunedModels: true })).toEqual({
      ok: false,
      flag: '--keep-pruned-models',
      error: 'Keep pruned models applies only with pruner asha or median: true',
    });
    expect(parseSweepFlags({ ...base, maxRuns: '5' })).toEqual({
      ok: false,
      flag: '--max-runs',
      error: 'Max runs applies only to strategy random or tpe: 5',
    });
    expect(parseSweepFlags({ ...base, strategy: 'random', maxRuns: 'x' })).toMatchObject({
      ok: false,
      flag: '--max-runs',
    });
  });

  it('counts the Cartesian product of the lists', () => {
    const parsed = parseSweepFlags({
      ...base,
      epochs: '5,10',
      batchSizes: '16,32',
      learningRates: '0.01,0.1',
    });
    expect(parsed.ok && parsed.combinations).toBe(8);
  });

  it('reports the first bad flag in form order', () => {
    const parsed = parseSweepFlags({ ...base, batchSizes: '0', dropouts: '2' });
    expect(parsed).toMatchObject({ ok: false, flag: '--batch-sizes' });
  });

  it('names the flag of each list field', () => {
    expect(parseSweepFlags({ ...base, hiddenLayers: '16' })).toMatchObject({
      ok: false,
      flag: '--hidden-layers',
    });
    expect(parseSweepFlags({ ...base, testSizes: '1' })).toMatchObject({ ok: false, flag: '--test-sizes' });
  });

  it('rejects an unknown framework and a missing dataset', () => {
    expect(parseSweepFlags({ framework: 'keras', dataset: 'iris' })).toMatchObject({
      ok: false,
      flag: '--framework',
      error: expect.stringContaining('keras'),
    });
    expect(parseSweepFlags({ framework: 'pytorch' })).toMatchObject({ ok: false, flag: '--dataset' });
  });

  it('rejects --linear with pytorch', () => {
    expect(parseSweepFlags({ ...base, linear: true })).toMatchObject({ ok: false, flag: '--linear' });
  });

  it('leaves hidden-layer flags out of a linear grid and says they are ignored', () => {
    const parsed = parseSweepFlags({
      framework: 'tensorflow',
      dataset: 'iris',
      linear: true,
      hiddenDims: '16,32',
    });
    expect(parsed).toMatchObject({ ok: true, combinations: 1, ignored: ['--hidden-dims'] });
    expect(parsed.ok && parsed.fields).toMatchObject({ mode: 'linear', hiddenDims: '128' });
  });

  it('checks --seed and --concurrency as numbers, naming the flag and the text', () => {
    expect(parseSweepFlags({ ...base, seed: 'abc' })).toMatchObject({
      ok: false,
      flag: '--seed',
      error: expect.stringContaining('abc'),
    });
    expect(parseSweepFlags({ ...base, concurrency: '0' })).toMatchObject({
      ok: false,
      flag: '--concurrency',
    });
    const parsed = parseSweepFlags({ ...base, seed: '7', concurrency: '2' });
    expect(parsed.ok && parsed.fields).toMatchObject({ seed: 7, concurrency: 2 });
  });

  it('refuses a grid past the combination limit without naming a single flag', () => {
    const many = Array.from({ length: 200 }, (_, i) => i + 1).join(',');
    const parsed = parseSweepFlags({ ...base, epochs: many, batchSizes: many });
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining('limit') });
    expect(parsed.ok === false && parsed.flag).toBeUndefined();
  });
});
