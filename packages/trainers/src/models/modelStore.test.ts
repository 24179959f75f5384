import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArtifactStore } from '../artifacts/artifactStore.js';
import { createFileArtifactStore } from '../artifacts/fileArtifactStore.js';
import type { ModelMetadata } from './modelMetadata.js';
import { createModelStore, isModelId, type ModelCommit } from './modelStore.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-models-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const metadata: ModelCommit = {
  framework: 'pytorch',
  kind: 'trained',
  datasetId: 'iris',
  task: 'classification',
  params: {
    epochs: 5,
    batchSize: 16,
    learningRate: 0.01,
    hiddenDim: 8,
    numHiddenLayers: 1,
    dropout: 0,
    seed: 42,
  },
  preprocessing: {
    datasetId: 'iris',
    task: 'classification',
    targetColumn: 'target',
    featureColumns: ['a'],
    mean: [0],
    std: [1],
    labels: ['x', 'y'],
    testSize: 0.2,
    seed: 42,
  },
  metrics: { metric_name: 'accuracy', metric_score: 0.9, train_loss: 0.3, test_loss: 0.4 },
  parameterCount: 42,
  history: [],
  durationMs: 12,
};

async function rejection(p: Promise<unknown>): Promise<MlApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof MlApiError) return err;
  throw new Error(`expected an MlApiError, got ${String(err)}`);
}

describe('createModelStore', () => {
  it('hides an allocated model until commit renames it into place with its metadata', async () => {
    const store = createModelStore({ home });
    const { modelId, dir } = await store.allocate();
    expect(isModelId(modelId)).toBe(true);
    expect(dir).toContain('.tmp-');
    writeFileSync(join(dir, 'model.pt'), 'weights');
    expect(await store.list()).toEqual([]);
    await expect(store.get(modelId)).rejects.toThrow(`Model not found: ${modelId}`);

    const saved = await store.commit(modelId, metadata);
    expect(saved).toMatchObject({ modelId, files: ['model.pt'], kind: 'trained' });
    expect(store.dir(modelId)).toBe(join(home, 'models', modelId));
    expect(readdirSync(join(home, 'models'))).toEqual([modelId]);
    const onDisk = JSON.parse(
      readFileSync(join(home, 'models', modelId, 'metadata.json'), 'utf8'),
    ) as ModelMetadata;
    expect(onDisk).toEqual(saved);
    expect(await store.get(modelId)).toEqual(saved);
    expect((await store.list()).map((m) => m.modelId)).toEqual([modelId]);
  });

  it('gives every model a fresh opaque id', async () => {
    const store = createModelStore({ home });
    const ids = new Set(
      await Promise.all(Array.from({ length: 50 }, async () => (await store.allocate()).modelId)),
    );
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^m_[a-z2-7]{16}$/);
  });

  it('answers NOT_FOUND for path-like or malformed ids without touching the filesystem', async () => {
    const store = createModelStore({ home });
    mkdirSync(join(home, 'secret'));
    writeFileSync(join(home, 'secret', 'metadata.json'), '{}');
    for (const id of ['../secret', 'm_../../x', '', 'M_AAAAAAAAAAAAAAAA', `m_${'a'.repeat(17)}`]) {
      const err = await rejection(store.get(id));
      expect(err.code).toBe('NOT_FOUND');
      expect(() => store.dir(id)).toThrow(MlApiError);
    }
    expect(await rejection(store.remove('../secret'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(readdirSync(join(home, 'secret'))).toEqual(['metadata.json']);
  });

  it('discard removes the temporary directory of a failed run', async () => {
    const store = createModelStore({ home });
    const { modelId, dir } = await store.allocate();
    writeFileSync(join(dir, 'partial.bin'), 'x');
    await store.discard(modelId);
    expect(readdirSync(join(home, 'models'))).toEqual([]);
    await expect(store.commit(modelId, metadata)).rejects.toThrow(/without allocate/);
  });

  it('removes a committed model completely', async () => {
    const store = createModelStore({ home });
    const { modelId } = await store.allocate();
    await store.commit(modelId, metadata);
    await store.remove(modelId);
    expect(readdirSync(join(home, 'models'))).toEqual([]);
    expect((await rejection(store.get(modelId))).message).toBe(`Model not found: ${modelId}`);
  });

  it('cleans temporary directories of dead processes at start but keeps live ones', async () => {
    const models = join(home, 'models');
    mkdirSync(join(models, '.tmp-999999999-m_aaaaaaaaaaaaaaaa'), { recursive: true });
    const live = createModelStore({ home });
    const { dir } = await live.allocate();
    createModelStore({ home });
    expect(readdirSync(models)).toEqual([dir.split('/').at(-1)]);
  });

  it('lists models oldest first and skips folders that are not models', async () => {
    let t = 0;
    const store = createModelStore({ home, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)) });
    const a = await store.allocate();
    const b = await store.allocate();
    await store.commit(b.modelId, metadata);
    await store.commit(a.modelId, { ...metadata, kind: 'distilled', teacherModelId: b.modelId });
    mkdirSync(join(home, 'models', 'notes'));
    expect((await store.list()).map((m) => m.modelId)).toEqual([b.modelId, a.modelId]);
  });

  it('stores a committed model in the artifact store before commit returns, and removes it there', async () => {
    const artifacts = createFileArtifactStore(join(home, 'shared'));
    const store = createModelStore({ home, artifacts });
    const { modelId, dir } = await store.allocate();
    writeFileSync(join(dir, 'model.pt'), 'weights');
    const saved = await store.commit(modelId, metadata);
    expect(await artifacts.list(`models/${modelId}`)).toEqual(['metadata.json', 'model.pt']);
    expect(
      JSON.parse(readFileSync(join(home, 'shared', 'models', modelId, 'metadata.json'), 'utf8')),
    ).toEqual(saved);
    await store.remove(modelId);
    expect(await artifacts.list(`models/${modelId}`)).toEqual([]);
  });

  it('commits nothing, here or there, when the artifact store fails to take the files', async () => {
    const shared = createFileArtifactStore(join(home, 'shared'));
    const artifacts: ArtifactStore = {
      ...shared,
      async putFolder(key, localDir) {
        await shared.putFolder(key, localDir); // half stored, then the connection drops
        throw new Error('S3 unreachable');
      },
    };
    const store = createModelStore({ home, artifacts });
    const { modelId, dir } = await store.allocate();
    writeFileSync(join(dir, 'model.pt'), 'weights');
    await expect(store.commit(modelId, metadata)).rejects.toThrow('S3 unreachable');
    await store.discard(modelId);
    expect(await store.list()).toEqual([]);
    expect(readdirSync(join(home, 'models'))).toEqual([]);
    expect(await shared.list(`models/${modelId}`)).toEqual([]);
  });

  it('fetches a model another machine stored, and deletes it for every machine', async () => {
    const artifacts = createFileArtifactStore(join(home, 'shared'));
    const trainer = createModelStore({ home: join(home, 'a'), artifacts });
    const server = createModelStore({ home: join(home, 'b'), artifacts });
    const { modelId, dir } = await trainer.allocate();
    writeFileSync(join(dir, 'model.pt'), 'weights');
    const saved = await trainer.commit(modelId, metadata);

    expect(() => server.dir(modelId)).toThrow(`Model not found: ${modelId}`);
    expect(await server.get(modelId)).toEqual(saved);
    expect(await server.fetch(modelId)).toBe(join(home, 'b', 'models', modelId));
    expect(readFileSync(join(server.dir(modelId), 'model.pt'), 'utf8')).toBe('weights');

    await trainer.remove(modelId);
    expect(await artifacts.list(`models/${modelId}`)).toEqual([]);
    await server.remove(modelId);
    await expect(server.fetch(modelId)).rejects.toThrow(`Model not found: ${modelId}`);
    await expect(createModelStore({ home: join(home, 'c'), artifacts }).get(modelId)).rejects.toThrow(
      `Model not found: ${modelId}`,
    );
  });
});
