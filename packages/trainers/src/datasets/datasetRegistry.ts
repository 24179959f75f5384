/**
 * Every dataset Trainyard can train on: the built-ins, the user's imports and synthetic sets
 * registered on demand. Files are parsed once and kept, parsed, in a bounded LRU cache, so a rows
 * page never re-reads or re-parses its file; a synthetic page is generated row by row.
 */
import type { DatasetOption, DatasetRows, DatasetRowsPage, DatasetSummary } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import { LRUCache } from 'lru-cache';
import type { ArtifactStore } from '../artifacts/artifactStore.js';
import type { CsvTable } from './buildCsvTable.js';
import { BUILTIN_DATA_DIR, builtinOption, loadBuiltin, readBuiltinManifest } from './builtinDatasets.js';
import { summarizeColumns } from './columnSummaries.js';
import type { DatasetTable } from './datasetTable.js';
import {
  createSyntheticRow,
  featureNames,
  parseSyntheticId,
  type SyntheticRow,
  type SyntheticSpec,
  syntheticLabels,
  syntheticOption,
  syntheticTable,
} from './synthetic.js';
import { pageBounds, tableRows } from './tableRows.js';
import { createUserDatasetStore, type ImportCsvRequest } from './userDatasets.js';

/** Rows a synthetic dataset's column summary is computed over. */
export const SUMMARY_SAMPLE_ROWS = 10_000;

export interface DatasetRegistryOptions {
  /** Data directory; user datasets live in `<home>/datasets/`. */
  home: string;
  /** Where the built-in CSVs and manifest.json are (default: the package's data/). */
  dataDir?: string;
  /** Upper bound of the parsed-table cache, in bytes (default 1 GiB). */
  cacheBytes?: number;
  /** Row generator for synthetic sets (tests wrap it to count generated rows). */
  syntheticRow?: (spec: SyntheticSpec) => SyntheticRow;
  /** Random suffix of imported dataset ids. */
  randomId?: () => string;
  /** Where imported datasets are also stored for other machines (TRAINYARD_ARTIFACTS); default none. */
  artifacts?: ArtifactStore;
}

/**
 * @example
 * const registry = createDatasetRegistry({ home: '/tmp/yard' });
 * registry.list().map((d) => d.id); // ['iris', 'wine', 'breast_cancer', 'digits', 'diabetes', ...user]
 * await registry.rows('iris', { offset: 0, limit: 5 });
 */
export function createDatasetRegistry(options: DatasetRegistryOptions) {
  const dataDir = options.dataDir ?? BUILTIN_DATA_DIR;
  const builtins = new Map(readBuiltinManifest(dataDir).map((entry) => [entry.id, entry]));
  const users = createUserDatasetStore(options.home, {
    ...(options.randomId ? { randomId: options.randomId } : {}),
    ...(options.artifacts ? { artifacts: options.artifacts } : {}),
  });
  const synthetic = new Map<string, SyntheticSpec>();
  const makeRow = options.syntheticRow ?? createSyntheticRow;

  const tables = new LRUCache<string, CsvTable>({
    maxSize: options.cacheBytes ?? 1024 ** 3,
    sizeCalculation: (csv) => Math.max(1, csv.table.rows * csv.columns.length * 8),
    // fetch() de-duplicates concurrent loads of one id.
    fetchMethod: (id) => parse(id),
  });

  async function parse(id: string): Promise<CsvTable> {
    const builtin = builtins.get(id);
    if (builtin) return loadBuiltin(builtin, dataDir);
    const spec = syntheticSpec(id);
    if (spec) {
      const table = syntheticTable(spec, makeRow(spec));
      return { table, task: spec.task, columns: [...table.features.map((f) => f.name), table.targetColumn] };
    }
    return users.load(id);
  }

  function syntheticSpec(id: string): SyntheticSpec | undefined {
    const known = synthetic.get(id);
    if (known) return known;
    const spec = users.get(id) ? undefined : parseSyntheticId(id);
    if (spec) synthetic.set(id, spec);
    return spec;
  }

  function get(id: string): DatasetOption {
    const builtin = builtins.get(id);
    if (builtin) return builtinOption(builtin);
    const user = users.get(id);
    if (user) {
      const { labels: _labels, createdAt: _createdAt, ...option } = user;
      return option;
    }
    const spec = syntheticSpec(id);
    if (spec) return syntheticOption(spec);
    throw new MlApiError('NOT_FOUND', `Dataset not found: ${id}`, { field: 'datasetId' });
  }

  async function load(id: string): Promise<CsvTable> {
    if (!builtins.has(id)) await users.fetch(id);
    get(id);
    const csv = await tables.fetch(id);
    if (!csv) throw new MlApiError('NOT_FOUND', `Dataset not found: ${id}`, { field: 'datasetId' });
    return csv;
  }

  return {
    /** Built-ins, then user datasets, then the synthetic sets asked for so far. */
    list(): DatasetOption[] {
      return [
        ...[...builtins.values()].map(builtinOption),
        ...users.list().map((u) => get(u.id)),
        ...[...synthetic.values()].map(syntheticOption),
      ];
    },

    /** @throws MlApiError NOT_FOUND for an unknown id, VALIDATION for an oversized synthetic id. */
    get,

    /** The full table, for training. */
    async load(id: string): Promise<DatasetTable> {
      return (await load(id)).table;
    },

    /** One page of rows in the file's column order; `limit` is capped at 1,000. */
    async rows(id: string, page: DatasetRowsPage = {}): Promise<DatasetRows> {
      const option = get(id);
      const { offset, limit } = pageBounds(page, option.rows);
      const spec = syntheticSpec(id);
      if (spec) return syntheticRows(spec, offset, limit);
      const csv = await load(id);
      return {
        datasetId: id,
        columns: csv.columns,
        rows: tableRows(csv, offset, limit),
        total: option.rows,
        offset,
      };
    },

    /**
     * Per-column type, missing count, range or categories, histogram (see summarizeColumns). A
     * synthetic set is summarised over its first SUMMARY_SAMPLE_ROWS rows, never materialised whole.
     */
    async summary(id: string): Promise<DatasetSummary> {
      const spec = syntheticSpec(id);
      if (spec && spec.rows > SUMMARY_SAMPLE_ROWS) {
        const sample = { ...spec, rows: SUMMARY_SAMPLE_ROWS };
        const table = syntheticTable(sample, makeRow(spec));
        const columns = [...table.features.map((f) => f.name), table.targetColumn];
        const summary = summarizeColumns({ table, task: spec.task, columns });
        return { ...summary, rows: spec.rows, sampledRows: SUMMARY_SAMPLE_ROWS };
      }
      return summarizeColumns(await load(id));
    },

    async importCsv(request: ImportCsvRequest): Promise<DatasetOption> {
      const { meta, csv } = await users.importCsv(request);
      tables.set(meta.id, csv);
      return get(meta.id);
    },

    /** Renames a user dataset (display name only; the id stays). */
    async rename(id: string, name: string): Promise<DatasetOption> {
      refuseBuiltIn(id, 'renamed');
      if (!(await users.rename(id, name)))
        throw new MlApiError('NOT_FOUND', `Dataset not found: ${id}`, { field: 'datasetId' });
      return get(id);
    },

    async remove(id: string): Promise<void> {
      refuseBuiltIn(id, 'removed');
      if (!(await users.remove(id)))
        throw new MlApiError('NOT_FOUND', `Dataset not found: ${id}`, { field: 'datasetId' });
      tables.delete(id);
    },
  };

  function refuseBuiltIn(id: string, what: 'removed' | 'renamed'): void {
    if (builtins.has(id) || parseSyntheticId(id)) {
      throw new MlApiError('VALIDATION', `Built-in dataset ${id} cannot be ${what}`, { field: 'datasetId' });
    }
  }

  function syntheticRows(spec: SyntheticSpec, offset: number, limit: number): DatasetRows {
    const row = makeRow(spec);
    const labels = syntheticLabels(spec);
    const x = new Float64Array(spec.features);
    const rows: DatasetRows['rows'] = [];
    for (let i = offset; i < offset + limit; i++) {
      const y = row(i, x);
      rows.push([...x, spec.task === 'classification' ? labels[y]! : y]);
    }
    return { datasetId: spec.id, columns: [...featureNames(spec), 'target'], rows, total: spec.rows, offset };
  }
}

export type DatasetRegistry = ReturnType<typeof createDatasetRegistry>;
