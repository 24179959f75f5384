import { MlApiError } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import { prepareData } from '../preprocessing/prepareData.js';
import { createSyntheticRow, parseSyntheticId, syntheticOption, syntheticTable } from './synthetic.js';

describe('parseSyntheticId', () => {
  it('reads task, rows, features and classes from the id', () => {
    expect(parseSyntheticId('synthetic-clf-100000x20')).toMatchObject({
      task: 'classification',
      rows: 100000,
      features: 20,
      classes: 2,
    });
    expect(parseSyntheticId('synthetic-clf-500x8x4')).toMatchObject({ classes: 4 });
    expect(parseSyntheticId('synthetic-reg-50000x20')).toMatchObject({ task: 'regression', classes: 1 });
    expect(parseSyntheticId('iris')).toBeUndefined();
    expect(parseSyntheticId('synthetic-reg-100x2x3')).toBeUndefined();
  });

  it('refuses sizes above the caps with a user-safe error', () => {
    expect(() => parseSyntheticId('synthetic-clf-6000000x2')).toThrow(
      'Synthetic dataset synthetic-clf-6000000x2: rows out of range (10-5000000): 6000000',
    );
    expect(() => parseSyntheticId('synthetic-clf-100x1001')).toThrow(
      /features out of range \(1-1000\): 1001/,
    );
    expect(() => parseSyntheticId('synthetic-clf-5000000x1000')).toThrow(MlApiError);
    expect(() => parseSyntheticId('synthetic-clf-100x2x1')).toThrow(/classes out of range/);
  });

  it('describes itself as a manifest entry', () => {
    const option = syntheticOption(parseSyntheticId('synthetic-clf-1000x3')!);
    expect(option).toMatchObject({
      rows: 1000,
      classes: 2,
      featureColumns: ['x0', 'x1', 'x2'],
      targetColumn: 'target',
    });
  });
});

describe('synthetic rows', () => {
  it('generates any row on its own, identically every time', () => {
    const spec = parseSyntheticId('synthetic-reg-1000000x5')!;
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    const ya = createSyntheticRow(spec)(999_999, a);
    const gen = createSyntheticRow(spec);
    gen(3, b);
    const yb = gen(999_999, b);
    expect(yb).toBe(ya);
    expect([...b]).toEqual([...a]);
  });

  it('makes a small set the prefix of a bigger one with the same shape', () => {
    const small = syntheticTable(parseSyntheticId('synthetic-clf-100x4')!);
    const big = syntheticTable(parseSyntheticId('synthetic-clf-1000x4')!);
    expect(big.features[2]!.values.slice(0, 100)).toEqual(small.features[2]!.values);
  });

  it('has roughly balanced classes', () => {
    const table = syntheticTable(parseSyntheticId('synthetic-clf-4000x10x3')!);
    const codes = table.target.task === 'classification' ? table.target.codes : new Int32Array();
    for (let k = 0; k < 3; k++) expect(codes.filter((c) => c === k).length).toBeGreaterThan(4000 * 0.15);
  });

  it('is learnable well above chance (k-nearest neighbours on the test split)', () => {
    const data = prepareData(syntheticTable(parseSyntheticId('synthetic-clf-2000x10')!), {
      testSize: 0.2,
      seed: 42,
    });
    expect(knnAccuracy(data.xTrain, data.yTrain, data.xTest, data.yTest, data.nFeatures, 15)).toBeGreaterThan(
      0.75,
    );
  });
});

function knnAccuracy(
  xTr: Float32Array,
  yTr: Float32Array,
  xTe: Float32Array,
  yTe: Float32Array,
  f: number,
  k: number,
) {
  let correct = 0;
  for (let t = 0; t < yTe.length; t++) {
    const dist = Array.from(yTr, (_, r) => {
      let d = 0;
      for (let j = 0; j < f; j++) d += (xTr[r * f + j]! - xTe[t * f + j]!) ** 2;
      return [d, yTr[r]!] as const;
    }).sort((a, b) => a[0] - b[0]);
    const votes = dist.slice(0, k).filter(([, y]) => y === 1).length;
    if ((votes * 2 > k ? 1 : 0) === yTe[t]) correct++;
  }
  return correct / yTe.length;
}
