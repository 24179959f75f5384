/**
 * Model artifacts under `<home>/models/<modelId>/`. An engine writes into a temporary directory;
 * commit() adds metadata.json and renames it into place, so a listed model is always complete.
 * Model ids are random (`m_` + 16 base32 characters) and checked by pattern before any path is
 * built, so no caller can steer a path. With an artifact store (TRAINYARD_ARTIFACTS) commit() also
 * stores the folder there, under `models/<modelId>`, before it returns: whoever writes the model's
 * row next (the studio's store) writes it only after the files are reachable from every machine.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { ArtifactNotFoundError, type ArtifactStore } from '../artifacts/artifactStore.js';
import type { ModelMetadata } from './modelMetadata.js';
import { randomBase32 } from './randomId.js';
import { cleanStaleTempDirs, tempDirName } from './tempDirs.js';

export const MODEL_ID_PATTERN = /^m_[a-z2-7]{16}$/;
const METADATA = 'metadata.json';

export function isModelId(id: unknown): id is string {
  return typeof id === 'string' && MODEL_ID_PATTERN.test(id);
}

export interface ModelStoreOptions {
  home: string;
  /** Id generator (tests pin it); default `m_` + 16 random base32 characters. */
  newId?: () => string;
  now?: () => Date;
  /** Where committed models are also stored for other machines; none in the embedded default. */
  artifacts?: ArtifactStore;
}

/** What commit() needs; id, files and createdAt are filled in by the store when absent. */
export type ModelCommit = Omit<ModelMetadata, 'modelId' | 'createdAt' | 'files'> & { files?: string[] };

/**
 * @example
 * const store = createModelStore({ home });
 * const { modelId, dir } = await store.allocate();   // engine writes into dir
 * await store.commit(modelId, metadata);             // now listed, at store.dir(modelId)
 */
export function createModelStore(options: ModelStoreOptions) {
  const root = join(options.home, 'models');
  mkdirSync(root, { recursive: true });
  cleanStaleTempDirs(root);
  const newId = options.newId ?? (() => `m_${randomBase32(16)}`);
  const now = options.now ?? (() => new Date());
  const pending = new Map<string, string>();
  const { artifacts } = options;
  const artifactKey = (modelId: string) => `models/${modelId}`;

  function notFound(id: unknown): MlApiError {
    return new MlApiError('NOT_FOUND', `Model not found: ${String(id).slice(0, 100)}`, { field: 'modelId' });
  }

  /** The committed model's directory. @throws NOT_FOUND for a malformed or unknown id. */
  function dir(id: string): string {
    if (!isModelId(id)) throw notFound(id);
    const path = join(root, id);
    if (!existsSync(join(path, METADATA))) throw notFound(id);
    return path;
  }

  /**
   * The model's local folder; one only the artifact store has (another machine trained it) is
   * fetched into place first. @throws NOT_FOUND when neither has it whole.
   */
  async function fetch(id: string): Promise<string> {
    if (!isModelId(id)) throw notFound(id);
    const path = join(root, id);
    if (existsSync(join(path, METADATA))) return path;
    // metadata.json is stored last: without it the upload is unfinished (or failed).
    if (!artifacts || !(await artifacts.list(artifactKey(id))).includes(METADATA)) throw notFound(id);
    try {
      await artifacts.getFolder(artifactKey(id), path);
    } catch (err) {
      if (err instanceof ArtifactNotFoundError) throw notFound(id);
      throw err;
    }
    return path;
  }

  async function get(id: string): Promise<ModelMetadata> {
    if (!isModelId(id)) throw notFound(id);
    const read = async () => JSON.parse(await readFile(join(root, id, METADATA), 'utf8')) as ModelMetadata;
    try {
      return await read();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (!artifacts) throw notFound(id);
    }
    await fetch(id);
    return read();
  }

  return {
    root,
    dir,
    get,
    fetch,

    /** A fresh empty temporary directory for an engine to write a model into. */
    async allocate(): Promise<{ modelId: string; dir: string }> {
      const modelId = newId();
      if (!isModelId(modelId))
        throw new Error(`newId() must return ids matching ${MODEL_ID_PATTERN}: ${modelId}`);
      const tmp = join(root, tempDirName(modelId));
      await mkdir(tmp);
      pending.set(modelId, tmp);
      return { modelId, dir: tmp };
    },

    /** Writes metadata.json and renames the directory into place. */
    async commit(modelId: string, metadata: ModelCommit): Promise<ModelMetadata> {
      const tmp = pending.get(modelId);
      if (!tmp) throw new Error(`commit(${modelId}) without allocate(), or committed twice`);
      const files = metadata.files ?? (await readdir(tmp)).filter((f) => f !== METADATA).sort();
      const full: ModelMetadata = { ...metadata, modelId, files, createdAt: now().toISOString() };
      await writeFile(join(tmp, METADATA), `${JSON.stringify(full, null, 2)}\n`);
      if (artifacts) {
        // Before the rename: a model whose files could not be stored is never committed here either
        // (the caller discards the temporary folder). metadata.json last marks a whole folder.
        try {
          await artifacts.putFolder(artifactKey(modelId), tmp, { last: [METADATA] });
        } catch (err) {
          await artifacts.removeFolder(artifactKey(modelId)).catch(() => {});
          throw err;
        }
      }
      await rename(tmp, join(root, modelId));
      pending.delete(modelId);
      return full;
    },

    /** Drops an allocated directory that will not be committed (failed or cancelled run). */
    async discard(modelId: string): Promise<void> {
      const tmp = pending.get(modelId);
      pending.delete(modelId);
      if (tmp) await rm(tmp, { recursive: true, force: true });
    },

    /** Every committed model, oldest first. */
    async list(): Promise<ModelMetadata[]> {
      const ids = (await readdir(root)).filter(isModelId);
      const all = await Promise.all(ids.map((id) => get(id).catch(() => undefined)));
      return all
        .filter((m): m is ModelMetadata => m !== undefined)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.modelId.localeCompare(b.modelId));
    },

    /**
     * Deletes a model, here and in the artifact store; renamed away first so a half-deleted
     * directory is never listed.
     */
    async remove(id: string): Promise<void> {
      if (!isModelId(id)) throw notFound(id);
      const path = join(root, id);
      const here = existsSync(join(path, METADATA));
      const there = artifacts !== undefined && (await artifacts.list(artifactKey(id))).length > 0;
      if (!here && !there) throw notFound(id);
      if (there) await artifacts?.removeFolder(artifactKey(id));
      if (!here) return;
      const doomed = join(root, tempDirName(`rm-${id}`));
      await rename(path, doomed);
      await rm(doomed, { recursive: true, force: true });
    },
  };
}

export type ModelStore = ReturnType<typeof createModelStore>;
