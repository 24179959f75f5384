/**
 * User datasets imported from CSV, stored as `<home>/datasets/<id>/{data.csv,meta.json}`.
 * An import is validated completely before anything is written, then written to a temporary
 * directory and renamed into place, so a failure leaves nothing half-imported. With an artifact
 * store (TRAINYARD_ARTIFACTS) the folder is stored there too, under `datasets/<id>`, before the
 * rename; a machine that trains on an id it does not have fetches it once and keeps it (a cache
 * by id: an imported dataset never changes).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetOption, MlApiError, type TaskKind } from '@trainyard/core';
import type { ArtifactStore } from '../artifacts/artifactStore.js';
import { randomBase32 } from '../models/randomId.js';
import { cleanStaleTempDirs, tempDirName } from '../models/tempDirs.js';
import { buildCsvTable, type CsvTable } from './buildCsvTable.js';
import { decodeCsvBytes } from './decodeCsvBytes.js';
import { readCsvGrid } from './readCsvGrid.js';
import { shown } from './shown.js';

export interface ImportCsvRequest {
  name: string;
  targetColumn: string;
  /** The file's text, or a path to read it from (trusted callers only: CLI, server temp files). */
  csvText?: string;
  filePath?: string;
  /** Overrides the inference from the target column. */
  task?: TaskKind;
}

export interface UserDatasetMeta extends DatasetOption {
  labels?: string[];
  createdAt: string;
}

/** SHA-256 of a file's bytes, in hex: how an identical upload is recognised (DatasetOption.contentHash). */
export const contentHashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const USER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_NAME = 100;

export function isUserDatasetId(id: string): boolean {
  return USER_ID.test(id);
}

/** `my sales.csv` → `my-sales-csv-k3q7zv`: readable, never a path the caller controls. */
export function datasetIdFor(name: string, random: () => string = () => randomBase32(6)): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || 'dataset'}-${random()}`;
}

export function createUserDatasetStore(
  home: string,
  options: { randomId?: () => string; artifacts?: ArtifactStore } = {},
) {
  const { artifacts } = options;
  const artifactKey = (id: string) => `datasets/${id}`;
  const dir = join(home, 'datasets');
  mkdirSync(dir, { recursive: true });
  cleanStaleTempDirs(dir);
  const metas = new Map<string, UserDatasetMeta>();

  function readMeta(id: string): UserDatasetMeta | undefined {
    if (!isUserDatasetId(id)) return undefined;
    const known = metas.get(id);
    if (known) return known;
    try {
      const meta = JSON.parse(readFileSync(join(dir, id, 'meta.json'), 'utf8')) as UserDatasetMeta;
      metas.set(id, meta);
      return meta;
    } catch {
      return undefined;
    }
  }

  async function hasArtifact(id: string): Promise<boolean> {
    // meta.json is stored last: without it the upload is unfinished.
    return (await artifacts?.list(artifactKey(id)))?.includes('meta.json') ?? false;
  }

  return {
    dir,
    /** Rescans the folder each time, so datasets added by another process (the CLI) show up. */
    list(): UserDatasetMeta[] {
      const ids = readdirSync(dir).filter(isUserDatasetId).sort();
      for (const id of metas.keys()) if (!ids.includes(id)) metas.delete(id);
      return ids.map(readMeta).filter((m): m is UserDatasetMeta => m !== undefined);
    },

    get: readMeta,

    /**
     * Makes a dataset another machine imported local: fetched into `<home>/datasets/<id>` (whole or
     * not at all) when only the artifact store has it. Unknown ids are left for get() to refuse.
     */
    async fetch(id: string): Promise<void> {
      if (readMeta(id) || !artifacts || !isUserDatasetId(id) || !(await hasArtifact(id))) return;
      await artifacts.getFolder(artifactKey(id), join(dir, id));
    },

    async load(id: string): Promise<CsvTable> {
      const meta = readMeta(id);
      if (!meta) throw new MlApiError('NOT_FOUND', `Dataset not found: ${id}`, { field: 'datasetId' });
      const text = await readFile(join(dir, id, 'data.csv'), 'utf8');
      const opts = { datasetId: id, targetColumn: meta.targetColumn, task: meta.task };
      return buildCsvTable(readCsvGrid(text), meta.labels ? { ...opts, labels: meta.labels } : opts);
    },

    async importCsv(req: ImportCsvRequest): Promise<{ meta: UserDatasetMeta; csv: CsvTable }> {
      const name = checkName(req.name);
      if (typeof req.targetColumn !== 'string' || req.targetColumn.trim() === '') {
        throw new MlApiError('VALIDATION', 'Choose the target column', { field: 'targetColumn' });
      }
      if (req.task !== undefined && req.task !== 'classification' && req.task !== 'regression') {
        throw new MlApiError('VALIDATION', `Task must be classification or regression: ${String(req.task)}`, {
          field: 'task',
        });
      }
      const { text, contentHash } = await readSource(req);
      const id = datasetIdFor(name, options.randomId);
      const base = { datasetId: id, targetColumn: req.targetColumn.trim() };
      const csv = buildCsvTable(readCsvGrid(text), req.task ? { ...base, task: req.task } : base);
      const target = csv.table.target;
      const meta: UserDatasetMeta = {
        id,
        name,
        task: csv.task,
        targetColumn: base.targetColumn,
        featureColumns: csv.columns.filter((c) => c !== base.targetColumn),
        rows: csv.table.rows,
        source: 'Imported CSV',
        license: 'Provided by the user',
        builtIn: false,
        contentHash,
        createdAt: new Date().toISOString(),
      };
      if (target.task === 'classification') {
        meta.classes = target.labels.length;
        meta.labels = target.labels;
      }

      const tmp = join(dir, tempDirName(id));
      try {
        await mkdir(tmp);
        await writeFile(join(tmp, 'data.csv'), text);
        await writeFile(join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
        await artifacts?.putFolder(artifactKey(id), tmp, { last: ['meta.json'] });
        await rename(tmp, join(dir, id));
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        await artifacts?.removeFolder(artifactKey(id)).catch(() => {});
        throw new MlApiError('INTERNAL', `Could not store dataset "${name}"`, { cause: err });
      }
      metas.set(id, meta);
      return { meta, csv };
    },

    /**
     * Gives a user dataset a new display name (its id stays, so runs and models still find it).
     * @returns the updated meta, or undefined when there is no such user dataset.
     */
    async rename(id: string, newName: string): Promise<UserDatasetMeta | undefined> {
      const meta = readMeta(id);
      if (!meta) return undefined;
      const renamed = { ...meta, name: checkName(newName) };
      // Write beside, then rename over: a crash leaves the old meta.json or the new one, never half of one.
      const file = join(dir, id, 'meta.json');
      const tmp = `${file}.${randomBase32(6)}.tmp`;
      await writeFile(tmp, `${JSON.stringify(renamed, null, 2)}\n`);
      await rename(tmp, file);
      metas.set(id, renamed);
      return renamed;
    },

    /** @returns false when there was no such user dataset. */
    async remove(id: string): Promise<boolean> {
      const there = artifacts !== undefined && isUserDatasetId(id) && (await hasArtifact(id));
      if (there) await artifacts?.removeFolder(artifactKey(id));
      if (!readMeta(id)) return there;
      metas.delete(id);
      // Rename first so a half-deleted folder is never listed.
      const doomed = join(dir, tempDirName(`rm-${id}`));
      await rename(join(dir, id), doomed);
      await rm(doomed, { recursive: true, force: true });
      return true;
    },
  };
}

export type UserDatasetStore = ReturnType<typeof createUserDatasetStore>;

function checkName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '' || trimmed.length > MAX_NAME) {
    throw new MlApiError(
      'VALIDATION',
      `Dataset name must be 1-${MAX_NAME} characters: ${shown(String(name))}`,
      {
        field: 'name',
      },
    );
  }
  return trimmed;
}

async function readSource(req: ImportCsvRequest): Promise<{ text: string; contentHash: string }> {
  if (typeof req.csvText === 'string') {
    return { text: req.csvText, contentHash: contentHashOf(new TextEncoder().encode(req.csvText)) };
  }
  if (typeof req.filePath === 'string') {
    let bytes: Buffer;
    try {
      bytes = await readFile(req.filePath);
    } catch {
      throw new MlApiError('VALIDATION', `Cannot read the file: ${req.filePath}`, { field: 'filePath' });
    }
    return { text: decodeCsvBytes(bytes), contentHash: contentHashOf(bytes) };
  }
  throw new MlApiError('VALIDATION', 'Give the CSV as csvText or filePath', { field: 'file' });
}
