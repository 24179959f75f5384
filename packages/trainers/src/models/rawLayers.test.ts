import { describe, expect, it } from 'vitest';
import type { PreprocessingMeta } from '../engine.js';
import { applyPreprocessing, type RawRow } from '../preprocessing/applyPreprocessing.js';
import { applyRawFront, rawColumns, rawLayers } from './rawLayers.js';

const meta: PreprocessingMeta = {
  datasetId: 'mixed',
  task: 'regression',
  targetColumn: 'y',
  featureColumns: ['age', 'colour=blue', 'colour=green', 'colour=red', 'size', 'shape=round'],
  mean: [41.5, 0.25, 0.5, 0.25, 1234.5, 0.4],
  std: [12.25, 0.43, 0.5, 0.43, 321.75, 0.49],
  categorical: [
    { column: 'colour', categories: ['blue', 'green', 'red'] },
    { column: 'shape', categories: ['round'] },
  ],
  targetMean: 150,
  targetStd: 77,
  testSize: 0.2,
  seed: 42,
};

describe('rawLayers', () => {
  it('reads the source columns back in CSV order', () => {
    expect(rawColumns(meta).map((c) => `${c.kind}:${c.name}`)).toEqual([
      'numeric:age',
      'categorical:colour',
      'numeric:size',
      'categorical:shape',
    ]);
  });

  it('turns raw values and category indices into exactly what applyPreprocessing makes', () => {
    const rows: RawRow[] = [
      { age: 30, colour: 'red', size: 1000, shape: 'round' },
      { age: 80.5, colour: 'blue', size: 2000.25, shape: 'square' },
      { age: -3, colour: 'purple', size: 0, shape: '' },
      { age: 41.5, colour: 'green', size: 1234.5, shape: 'round' },
    ];
    const layers = rawLayers(meta);
    const raw = rows.flatMap((row) =>
      layers.columns.map((c) =>
        c.kind === 'numeric' ? Number(row[c.name]) : c.categories.indexOf(String(row[c.name])),
      ),
    );
    const expected = applyPreprocessing(meta, rows);
    const got = applyRawFront(layers, raw, rows.length);
    const worst = Math.max(...Array.from(got, (v, i) => Math.abs(v - expected[i]!)));
    expect(worst).toBeLessThan(1e-6);
  });

  it('adds a target-units layer for regression only', () => {
    expect(rawLayers(meta).targetUnits).toMatchObject({
      kernel: Float32Array.of(77),
      bias: Float32Array.of(150),
    });
    expect(rawLayers({ ...meta, task: 'classification', labels: ['a', 'b'] }).targetUnits).toBeUndefined();
  });
});
