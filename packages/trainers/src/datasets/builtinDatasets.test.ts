import { describe, expect, it } from 'vitest';
import { builtinOption, loadBuiltin, readBuiltinManifest } from './builtinDatasets.js';

const expected = {
  iris: { rows: 150, features: 4, classes: ['setosa', 'versicolor', 'virginica'] },
  wine: { rows: 178, features: 13, classes: ['class_0', 'class_1', 'class_2'] },
  breast_cancer: { rows: 569, features: 30, classes: ['malignant', 'benign'] },
  digits: { rows: 1797, features: 64, classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  diabetes: { rows: 442, features: 10, classes: undefined },
} as const;

describe('built-in datasets converted from scikit-learn', () => {
  const manifest = readBuiltinManifest();

  it('lists the five datasets with source and licence', () => {
    expect(manifest.map((m) => m.id)).toEqual(Object.keys(expected));
    for (const entry of manifest) {
      expect(entry.license).toMatch(/BSD-3-Clause/);
      expect(entry.source.length).toBeGreaterThan(10);
      expect(builtinOption(entry)).not.toHaveProperty('file');
      expect(builtinOption(entry).builtIn).toBe(true);
    }
  });

  it.each(manifest.map((m) => [m.id, m] as const))(
    '%s parses to the manifest row count, columns and classes',
    async (id, entry) => {
      const want = expected[id as keyof typeof expected];
      const csv = await loadBuiltin(entry);
      expect(csv.table.rows).toBe(want.rows);
      expect(entry.rows).toBe(want.rows);
      expect(csv.table.features.map((f) => f.name)).toEqual(entry.featureColumns);
      expect(entry.featureColumns).toHaveLength(want.features);
      expect(csv.columns).toEqual([...entry.featureColumns, 'target']);
      expect(csv.table.features.every((f) => f.kind === 'numeric')).toBe(true);
      if (want.classes) {
        expect(csv.table.target.task).toBe('classification');
        if (csv.table.target.task === 'classification') expect(csv.table.target.labels).toEqual(want.classes);
        expect(entry.classes).toBe(want.classes.length);
      } else {
        expect(csv.table.target.task).toBe('regression');
      }
    },
  );

  it('keeps scikit-learn class counts (iris 50 each, breast_cancer 212 malignant)', async () => {
    const count = async (id: string, label: number) => {
      const { table } = await loadBuiltin(manifest.find((m) => m.id === id)!);
      return table.target.task === 'classification'
        ? table.target.codes.filter((c) => c === label).length
        : -1;
    };
    expect(await count('iris', 0)).toBe(50);
    expect(await count('breast_cancer', 0)).toBe(212);
  });

  it('has the first iris row of Fisher 1936 and the first diabetes target of 151', async () => {
    const iris = await loadBuiltin(manifest[0]!);
    expect(iris.table.features.map((f) => f.values[0])).toEqual([5.1, 3.5, 1.4, 0.2]);
    const diabetes = await loadBuiltin(manifest[4]!);
    expect(diabetes.table.target.task === 'regression' && diabetes.table.target.values[0]).toBe(151);
  });
});
