import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileArtifactStore } from '../artifacts/fileArtifactStore.js';
import { BUILTIN_DATA_DIR } from './builtinDatasets.js';
import { createDatasetRegistry } from './datasetRegistry.js';
import { createSyntheticRow } from './synthetic.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-registry-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const goodCsv = `city,area,rooms,price\n${Array.from(
  { length: 20 },
  (_, i) => `${['north', 'south'][i % 2]},${50 + i * 3.5},${1 + (i % 4)},${100 + i * 7.25}`,
).join('\n')}\n`;

async function rejection(p: Promise<unknown>): Promise<MlApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof MlApiError) return err;
  throw new Error(`expected an MlApiError, got ${String(err)}`);
}

describe('createDatasetRegistry', () => {
  it('lists the built-ins first and finds each by id', () => {
    const registry = createDatasetRegistry({ home });
    expect(registry.list().map((d) => d.id)).toEqual(['iris', 'wine', 'breast_cancer', 'digits', 'diabetes']);
    expect(registry.get('digits')).toMatchObject({
      rows: 1797,
      classes: 10,
      task: 'classification',
      builtIn: true,
    });
  });

  it('answers NOT_FOUND for an unknown id, including path-like ones', async () => {
    const registry = createDatasetRegistry({ home });
    expect(() => registry.get('nope')).toThrow('Dataset not found: nope');
    const err = await rejection(registry.rows('../../etc/passwd'));
    expect(err.code).toBe('NOT_FOUND');
  });

  it('pages rows in file column order and caps the page size', async () => {
    const registry = createDatasetRegistry({ home });
    const first = await registry.rows('iris', { offset: 0, limit: 2 });
    expect(first).toEqual({
      datasetId: 'iris',
      columns: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)', 'target'],
      rows: [
        [5.1, 3.5, 1.4, 0.2, 'setosa'],
        [4.9, 3, 1.4, 0.2, 'setosa'],
      ],
      total: 150,
      offset: 0,
    });
    expect((await registry.rows('iris', { offset: 148, limit: 10 })).rows).toHaveLength(2);
    expect((await registry.rows('iris', { offset: 500 })).rows).toEqual([]);
    expect((await registry.rows('digits', { limit: 5000 })).rows).toHaveLength(1000);
    expect((await registry.rows('iris')).rows).toHaveLength(100);
    expect((await rejection(registry.rows('iris', { offset: -1 }))).field).toBe('offset');
    expect((await rejection(registry.rows('iris', { limit: 2.5 }))).message).toBe(
      'Limit must be a whole number ≥ 1: 2.5',
    );
  });

  it('parses a file once: later pages are served without reading it again', async () => {
    const dataDir = join(home, 'data');
    cpSync(BUILTIN_DATA_DIR, dataDir, { recursive: true });
    const registry = createDatasetRegistry({ home, dataDir });
    await registry.rows('wine', { offset: 0, limit: 1 });
    rmSync(join(dataDir, 'wine.csv'));
    const page = await registry.rows('wine', { offset: 177, limit: 1 });
    expect(page.rows[0]!.at(-1)).toBe('class_2');
    expect((await registry.load('wine')).rows).toBe(178);
  });

  it('loads two concurrent requests for one id with one parse', async () => {
    const registry = createDatasetRegistry({ home });
    const [a, b] = await Promise.all([registry.load('digits'), registry.load('digits')]);
    expect(a).toBe(b);
  });

  it('registers a synthetic id on demand and pages a 1,000,000-row set without generating it', async () => {
    const { registry, generated } = countingRegistry();
    expect(registry.list().some((d) => d.id.startsWith('synthetic'))).toBe(false);
    const page = await registry.rows('synthetic-clf-1000000x20', { offset: 999_990, limit: 50 });
    expect(page.total).toBe(1_000_000);
    expect(page.rows).toHaveLength(10);
    expect(page.columns).toHaveLength(21);
    expect(generated()).toBe(10);
    const again = await registry.rows('synthetic-clf-1000000x20', { offset: 999_990, limit: 10 });
    expect(again.rows).toEqual(page.rows);
    expect(registry.list().map((d) => d.id)).toContain('synthetic-clf-1000000x20');
    expect(() => registry.get('synthetic-reg-9000000x20')).toThrow(/rows out of range/);
  });

  it('materialises a synthetic table for training', async () => {
    const registry = createDatasetRegistry({ home });
    const table = await registry.load('synthetic-reg-500x3');
    expect(table.rows).toBe(500);
    expect(table.features[0]!.values).toBeInstanceOf(Float32Array);
    expect(table.target.task).toBe('regression');
  });
});

describe('importCsv', () => {
  it('stores a user dataset with a generated id and lists it after the built-ins', async () => {
    const registry = createDatasetRegistry({ home });
    const option = await registry.importCsv({ name: 'My Houses!', targetColumn: 'price', csvText: goodCsv });
    expect(option).toMatchObject({
      name: 'My Houses!',
      task: 'regression',
      targetColumn: 'price',
      featureColumns: ['city', 'area', 'rooms'],
      rows: 20,
      builtIn: false,
    });
    expect(option.id).toMatch(/^my-houses-[a-z2-7]{6}$/);
    expect(readdirSync(join(home, 'datasets', option.id)).sort()).toEqual(['data.csv', 'meta.json']);
    expect(registry.list().at(-1)!.id).toBe(option.id);
    expect((await registry.rows(option.id, { limit: 1 })).rows).toEqual([['north', 50, 1, 100]]);
    // A fresh registry (a restarted server) reads it back from disk.
    const again = createDatasetRegistry({ home });
    expect(again.get(option.id)).toEqual(option);
    const table = await again.load(option.id);
    expect(table.features.map((f) => f.kind)).toEqual(['categorical', 'numeric', 'numeric']);
  });

  it('infers classification from a text target and accepts an override', async () => {
    const registry = createDatasetRegistry({ home });
    const clf = await registry.importCsv({ name: 'by city', targetColumn: 'city', csvText: goodCsv });
    expect(clf).toMatchObject({ task: 'classification', classes: 2 });
    const forced = await registry.importCsv({
      name: 'rooms',
      targetColumn: 'rooms',
      csvText: goodCsv,
      task: 'regression',
    });
    expect(forced.task).toBe('regression');
  });

  it('reads a file path', async () => {
    const registry = createDatasetRegistry({ home });
    const path = join(home, 'upload.csv');
    writeFileSync(path, goodCsv);
    expect((await registry.importCsv({ name: 'file', targetColumn: 'price', filePath: path })).rows).toBe(20);
    expect(
      (
        await rejection(
          registry.importCsv({ name: 'x', targetColumn: 'price', filePath: join(home, 'none.csv') }),
        )
      ).field,
    ).toBe('filePath');
  });

  it('leaves nothing behind when the file is rejected', async () => {
    const registry = createDatasetRegistry({ home });
    const ragged = goodCsv.replace('south,53.5,2,107.25', 'south,53.5');
    const err = await rejection(registry.importCsv({ name: 'bad', targetColumn: 'price', csvText: ragged }));
    expect(err.message).toBe('Line 3 has 2 values, expected 4 (as many as the header)');
    expect(readdirSync(join(home, 'datasets'))).toEqual([]);
    expect(registry.list()).toHaveLength(5);
  });

  it('leaves nothing behind when storing fails half way', async () => {
    const registry = createDatasetRegistry({ home, randomId: () => 'fixed1' });
    // Occupy the final folder so the rename fails after the files were written.
    const taken = join(home, 'datasets', 'clash-fixed1');
    cpSync(BUILTIN_DATA_DIR, taken, { recursive: true });
    const err = await rejection(
      registry.importCsv({ name: 'clash', targetColumn: 'price', csvText: goodCsv }),
    );
    expect(err.code).toBe('INTERNAL');
    expect(readdirSync(join(home, 'datasets'))).toEqual(['clash-fixed1']);
  });

  it('validates name, target and task', async () => {
    const registry = createDatasetRegistry({ home });
    expect(
      (await rejection(registry.importCsv({ name: ' ', targetColumn: 'price', csvText: goodCsv }))).field,
    ).toBe('name');
    expect(
      (await rejection(registry.importCsv({ name: 'a', targetColumn: '', csvText: goodCsv }))).field,
    ).toBe('targetColumn');
    const task = 'clustering' as 'regression';
    expect(
      (await rejection(registry.importCsv({ name: 'a', targetColumn: 'price', csvText: goodCsv, task })))
        .message,
    ).toBe('Task must be classification or regression: clustering');
  });

  it('removes a user dataset but refuses to remove a built-in', async () => {
    const registry = createDatasetRegistry({ home });
    const option = await registry.importCsv({ name: 'gone', targetColumn: 'price', csvText: goodCsv });
    await registry.remove(option.id);
    expect(readdirSync(join(home, 'datasets'))).toEqual([]);
    expect(() => registry.get(option.id)).toThrow(MlApiError);
    expect((await rejection(registry.remove('iris'))).message).toBe(
      'Built-in dataset iris cannot be removed',
    );
    expect((await rejection(registry.remove(option.id))).code).toBe('NOT_FOUND');
  });

  it('renames a user dataset (id kept, stored for the next process) but refuses a built-in or an empty name', async () => {
    const registry = createDatasetRegistry({ home });
    const option = await registry.importCsv({ name: 'sales', targetColumn: 'price', csvText: goodCsv });
    expect(await registry.rename(option.id, '  Q3 sales ')).toMatchObject({
      id: option.id,
      name: 'Q3 sales',
    });
    expect(createDatasetRegistry({ home }).get(option.id).name).toBe('Q3 sales');
    expect((await rejection(registry.rename('iris', 'x'))).message).toBe(
      'Built-in dataset iris cannot be renamed',
    );
    expect((await rejection(registry.rename(option.id, ' '))).field).toBe('name');
    expect((await rejection(registry.rename('nope-abcdef', 'x'))).code).toBe('NOT_FOUND');
    expect(readdirSync(join(home, 'datasets'))).toEqual([option.id]);
  });

  it('stores the SHA-256 of the imported bytes, so an identical upload can be recognised', async () => {
    const registry = createDatasetRegistry({ home });
    const a = await registry.importCsv({ name: 'a', targetColumn: 'price', csvText: goodCsv });
    const b = await registry.importCsv({ name: 'b', targetColumn: 'price', csvText: goodCsv });
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.contentHash).toBe(a.contentHash);
    expect(registry.list().find((d) => d.id === a.id)?.contentHash).toBe(a.contentHash);
  });

  it('summarises a large synthetic set over a sample of rows, without generating it whole', async () => {
    const { registry, generated } = countingRegistry();
    const summary = await registry.summary('synthetic-clf-1000000x10');
    expect(summary).toMatchObject({
      datasetId: 'synthetic-clf-1000000x10',
      rows: 1_000_000,
      sampledRows: 10_000,
    });
    expect(summary.columns).toHaveLength(11);
    expect(generated()).toBe(10_000);
  });

  it('cleans temporary folders left by a crashed process at start', () => {
    const stale = join(home, 'datasets', '.tmp-999999999-old-abc123');
    cpSync(BUILTIN_DATA_DIR, stale, { recursive: true });
    createDatasetRegistry({ home });
    expect(readdirSync(join(home, 'datasets'))).toEqual([]);
  });
});

describe('imported datasets with an artifact store', () => {
  it('trains on another machine: fetched once by id, then deleted for every machine', async () => {
    const artifacts = createFileArtifactStore(join(home, 'shared'));
    const server = createDatasetRegistry({ home: join(home, 'server'), artifacts });
    const worker = createDatasetRegistry({ home: join(home, 'worker'), artifacts });
    const option = await server.importCsv({ name: 'houses', targetColumn: 'price', csvText: goodCsv });
    expect(await artifacts.list(`datasets/${option.id}`)).toEqual(['data.csv', 'meta.json']);

    expect((await worker.load(option.id)).rows).toBe(20);
    expect(readdirSync(join(home, 'worker', 'datasets'))).toEqual([option.id]); // the cache by id
    expect(worker.get(option.id)).toMatchObject({ id: option.id, rows: 20 });

    await server.remove(option.id);
    expect(await artifacts.list(`datasets/${option.id}`)).toEqual([]);
    const third = createDatasetRegistry({ home: join(home, 'third'), artifacts });
    expect((await rejection(third.load(option.id))).code).toBe('NOT_FOUND');
  });
});

/** A registry over the real synthetic generator that counts the rows it generates. */
function countingRegistry() {
  let count = 0;
  const registry = createDatasetRegistry({
    home,
    syntheticRow: (spec) => {
      const row = createSyntheticRow(spec);
      return (i, x) => {
        count++;
        return row(i, x);
      };
    },
  });
  return { registry, generated: () => count };
}
