import { MlApiError } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import type { DatasetTable } from '../datasets/datasetTable.js';
import { applyPreprocessing, restoreTarget } from './applyPreprocessing.js';
import { prepareData } from './prepareData.js';
import { createPreparedDataCache } from './preparedDataCache.js';

/** 40 rows: x grows with the row, colour cycles red/green/blue (row 3 missing), label = row ≥ 20. */
function table(): DatasetTable {
  const rows = 40;
  const x = Float64Array.from({ length: rows }, (_, i) => i);
  const colour = Array.from({ length: rows }, (_, i) => (i === 3 ? '' : ['red', 'green', 'blue'][i % 3]!));
  return {
    datasetId: 'toy',
    targetColumn: 'label',
    rows,
    features: [
      { name: 'x', kind: 'numeric', values: x },
      { name: 'colour', kind: 'categorical', values: colour },
      { name: 'constant', kind: 'numeric', values: new Float64Array(rows).fill(5) },
    ],
    target: {
      task: 'classification',
      labels: ['low', 'high'],
      codes: Int32Array.from(x, (v) => (v >= 20 ? 1 : 0)),
    },
  };
}

function column(x: Float32Array, nFeatures: number, j: number): number[] {
  return Array.from({ length: x.length / nFeatures }, (_, r) => x[r * nFeatures + j]!);
}

describe('prepareData', () => {
  it('one-hot encodes categories in sorted order and keeps numeric columns in place', () => {
    const data = prepareData(table(), { testSize: 0.25, seed: 42 });
    expect(data.preprocessing.featureColumns).toEqual([
      'x',
      'colour=blue',
      'colour=green',
      'colour=red',
      'constant',
    ]);
    expect(data.preprocessing.categorical).toEqual([
      { column: 'colour', categories: ['blue', 'green', 'red'] },
    ]);
    expect(data.nFeatures).toBe(5);
    expect(data.nTrain + data.nTest).toBe(40);
    expect(data.nTest).toBe(10);
  });

  it('fits the scaler on the training rows only', () => {
    const data = prepareData(table(), { testSize: 0.25, seed: 42 });
    const train = column(data.xTrain, data.nFeatures, 0);
    const mean = train.reduce((s, v) => s + v, 0) / train.length;
    const variance = train.reduce((s, v) => s + (v - mean) ** 2, 0) / train.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(variance).toBeCloseTo(1, 5);
    // The stored mean is the training rows' mean, not the whole column's (19.5).
    const rawTrainMean = train.map((z) => z * data.preprocessing.std[0]! + data.preprocessing.mean[0]!);
    expect(data.preprocessing.mean[0]).toBeCloseTo(rawTrainMean.reduce((s, v) => s + v, 0) / 30, 4);
    expect(data.preprocessing.mean[0]).not.toBe(19.5);
  });

  it('maps a constant column to zeros with std 1 instead of dividing by zero', () => {
    const data = prepareData(table(), { testSize: 0.25, seed: 42 });
    expect(data.preprocessing.std[4]).toBe(1);
    expect(new Set(column(data.xTrain, 5, 4))).toEqual(new Set([0]));
  });

  it('label-encodes the target with the table labels, stratified', () => {
    const data = prepareData(table(), { testSize: 0.25, seed: 42 });
    expect(data.preprocessing.labels).toEqual(['low', 'high']);
    expect(data.nClasses).toBe(2);
    expect([...data.yTest].filter((y) => y === 1).length).toBe(5);
  });

  it('gives identical arrays for the same seed', () => {
    const a = prepareData(table(), { testSize: 0.3, seed: 9 });
    const b = prepareData(table(), { testSize: 0.3, seed: 9 });
    expect(b.xTrain).toEqual(a.xTrain);
    expect(b.yTest).toEqual(a.yTest);
  });

  it('standardises a regression target and restoreTarget undoes it', () => {
    const t = table();
    const values = Float64Array.from({ length: 40 }, (_, i) => 100 + 3 * i);
    const data = prepareData({ ...t, target: { task: 'regression', values } }, { testSize: 0.25, seed: 1 });
    expect(data.nClasses).toBe(1);
    const meta = data.preprocessing;
    const restored = [...data.yTrain].map((y) => restoreTarget(meta, y));
    for (const v of restored) expect(values.some((raw) => Math.abs(raw - v) < 1e-3)).toBe(true);
    expect(Math.abs([...data.yTrain].reduce((s, v) => s + v, 0))).toBeLessThan(1e-3);
  });

  it('carves validation rows out of the training part: same test rows, stratified, scaler fitted on the rest', () => {
    const twoWay = prepareData(table(), { testSize: 0.25, seed: 42 });
    const data = prepareData(table(), { testSize: 0.25, seed: 42, validationSize: 0.2 });
    expect(data.nTest).toBe(twoWay.nTest);
    expect(data.yTest).toEqual(twoWay.yTest);
    // 30 non-test rows → ceil(30 · 0.2) = 6 validation rows, 3 of each class, 24 left to train.
    expect([data.nTrain, data.nVal]).toEqual([24, 6]);
    expect(data.xVal).toHaveLength(6 * data.nFeatures);
    expect([...data.yVal].filter((y) => y === 1)).toHaveLength(3);
    expect(data.preprocessing.validationSize).toBe(0.2);
    const x = column(data.xTrain, data.nFeatures, 0);
    expect(Math.abs(x.reduce((s, v) => s + v, 0) / x.length)).toBeLessThan(1e-6);
    // No row is in two parts: the raw x values (the row numbers) of the three parts are disjoint.
    const raw = (m: Float32Array) =>
      column(m, data.nFeatures, 0).map((v) =>
        Math.round(v * data.preprocessing.std[0]! + data.preprocessing.mean[0]!),
      );
    const all = [...raw(data.xTrain), ...raw(data.xVal), ...raw(data.xTest)];
    expect(new Set(all).size).toBe(40);
  });

  it('keeps the two-way split bit for bit with validationSize 0', () => {
    const twoWay = prepareData(table(), { testSize: 0.25, seed: 42 });
    const zero = prepareData(table(), { testSize: 0.25, seed: 42, validationSize: 0 });
    expect(zero).toEqual(twoWay);
    expect(twoWay.nVal).toBe(0);
    expect(twoWay.preprocessing).not.toHaveProperty('validationSize');
  });

  it('rejects a validation size outside [0, 1) naming the field', () => {
    expect(() => prepareData(table(), { testSize: 0.25, seed: 1, validationSize: 1 })).toThrow(
      expect.objectContaining({
        field: 'validationSize',
        message: 'Validation size out of range (from 0, below 1): 1',
      }),
    );
  });

  it('rejects a test size outside (0, 1) naming the field', () => {
    expect(() => prepareData(table(), { testSize: 1, seed: 1 })).toThrow(MlApiError);
    expect(() => prepareData(table(), { testSize: 0, seed: 1 })).toThrow(
      /Test size out of range \(0-1, exclusive\): 0/,
    );
  });
});

describe('applyPreprocessing', () => {
  it('reproduces the training matrix from raw rows', () => {
    const t = table();
    const data = prepareData(t, { testSize: 0.25, seed: 42 });
    const raw = Array.from({ length: 40 }, (_, i) => ({
      x: (t.features[0]!.values as Float64Array)[i]!,
      colour: (t.features[1]!.values as string[])[i]!,
      constant: '5',
    }));
    const all = applyPreprocessing(data.preprocessing, raw);
    // The first test row of prepareData is some raw row; find it among the re-encoded rows.
    const first = Array.from(data.xTest.slice(0, 5));
    const match = Array.from({ length: 40 }, (_, i) => Array.from(all.slice(i * 5, i * 5 + 5))).find((row) =>
      row.every((v, j) => Math.abs(v - first[j]!) < 1e-6),
    );
    expect(match).toBeDefined();
  });

  it('encodes an unknown category and a missing number as zeros', () => {
    const data = prepareData(table(), { testSize: 0.25, seed: 42 });
    const [x, blue, green, red] = applyPreprocessing(data.preprocessing, [
      { x: null, colour: 'purple', constant: 5 },
    ]);
    expect([x, blue, green, red]).toEqual([0, expect.any(Number), expect.any(Number), expect.any(Number)]);
    const meta = data.preprocessing;
    expect(blue).toBeCloseTo(-meta.mean[1]! / meta.std[1]!, 5);
  });

  it('names the row and column of a value that is not a number', () => {
    const data = prepareData(table(), { testSize: 0.25, seed: 42 });
    expect(() => applyPreprocessing(data.preprocessing, [{ x: 1 }, { x: 'abc' }])).toThrow(
      'Row 2, column "x": "abc" is not a number',
    );
  });
});

describe('createPreparedDataCache', () => {
  it('keys the cache by validation size too', () => {
    const cache = createPreparedDataCache();
    const t = table();
    const twoWay = cache.get(t, { testSize: 0.25, seed: 42 });
    const withVal = cache.get(t, { testSize: 0.25, seed: 42, validationSize: 0.2 });
    expect(withVal.nVal).toBe(6);
    expect(cache.get(t, { testSize: 0.25, seed: 42, validationSize: 0 })).toBe(twoWay);
  });

  it('prepares a (dataset, testSize, seed) once and serves it again', () => {
    let calls = 0;
    const cache = createPreparedDataCache({
      prepare: (t, o) => {
        calls++;
        return prepareData(t, o);
      },
    });
    const t = table();
    const a = cache.get(t, { testSize: 0.2, seed: 42 });
    expect(cache.get(t, { testSize: 0.2, seed: 42 })).toBe(a);
    expect(calls).toBe(1);
    cache.get(t, { testSize: 0.3, seed: 42 });
    cache.get(t, { testSize: 0.2, seed: 43 });
    expect(calls).toBe(3);
  });

  it('prepares again when the table under that id was replaced', () => {
    const cache = createPreparedDataCache();
    const a = cache.get(table(), { testSize: 0.2, seed: 42 });
    expect(cache.get(table(), { testSize: 0.2, seed: 42 })).not.toBe(a);
  });
});

describe('prepareData on numbers too large to standardise', () => {
  const regression = (values: number[], feature = values.map((_, i) => i)): DatasetTable => ({
    datasetId: 'huge',
    targetColumn: 'y',
    rows: values.length,
    features: [{ name: 'x', kind: 'numeric', values: Float64Array.from(feature) }],
    target: { task: 'regression', values: Float64Array.from(values) },
  });

  it('names the target column when its spread overflows, instead of training on Infinity', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i % 2 ? 5.5e307 : -5.5e307));
    expect(() => prepareData(regression(values), { testSize: 0.25, seed: 1 })).toThrow(
      'Dataset huge: column "y" has values too large to standardise (their mean or spread overflows a 64-bit number); rescale the column (e.g. divide it by a power of ten) or remove it',
    );
  });

  it('names a feature column whose mean overflows', () => {
    const y = Array.from({ length: 20 }, (_, i) => i);
    const err = (() => {
      try {
        prepareData(
          regression(
            y,
            y.map(() => 1.7e308),
          ),
          { testSize: 0.25, seed: 1 },
        );
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MlApiError);
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'datasetId' });
    expect((err as Error).message).toContain('column "x" has values too large');
  });
});
