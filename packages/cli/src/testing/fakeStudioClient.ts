// Test double for unit tests only (excluded from the build): a StudioClient whose answers the test sets.
import type {
  DatasetOption,
  MlApi,
  ModelSummary,
  SweepEvent,
  SweepFields,
  SweepRecord,
} from '@trainyard/core';
import type { StudioClient } from '../client/studioClient.js';
import type { CliIo } from '../cliIo.js';

export const irisOption: DatasetOption = {
  id: 'iris',
  name: 'Iris',
  task: 'classification',
  targetColumn: 'species',
  featureColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  rows: 150,
  classes: 3,
  source: 'scikit-learn',
  license: 'BSD-3-Clause',
  builtIn: true,
};

export function sweepRecord(
  fields: SweepFields,
  total: number,
  overrides: Partial<SweepRecord> = {},
): SweepRecord {
  return {
    id: 'swp-1',
    status: 'running',
    fields,
    combinations: [],
    total,
    done: 0,
    failed: 0,
    cancelled: 0,
    interrupted: 0,
    stopped: 0,
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const notUsed = (name: string) => () => Promise.reject(new Error(`fake studio: ${name} not set by the test`));

/** A StudioClient with every method rejecting unless overridden; `calls` records method names. */
export function fakeStudioClient(overrides: Partial<StudioClient> = {}): StudioClient & { calls: string[] } {
  const calls: string[] = [];
  const base: StudioClient = {
    kind: 'embedded',
    location: '/tmp/fake-home',
    api: {} as MlApi,
    listDatasets: notUsed('listDatasets'),
    getDataset: notUsed('getDataset'),
    getDatasetRows: notUsed('getDatasetRows'),
    health: notUsed('health'),
    uploadDataset: notUsed('uploadDataset'),
    deleteDataset: notUsed('deleteDataset'),
    renameDataset: notUsed('renameDataset'),
    getDatasetSummary: notUsed('getDatasetSummary'),
    listRuns: notUsed('listRuns'),
    listModels: notUsed('listModels'),
    predict: notUsed('predict'),
    getModel: notUsed('getModel') as () => Promise<ModelSummary>,
    downloadModel: notUsed('downloadModel'),
    deleteModel: notUsed('deleteModel'),
    createSweep: notUsed('createSweep'),
    getSweep: notUsed('getSweep'),
    cancelSweep: notUsed('cancelSweep'),
    resumeSweep: notUsed('resumeSweep'),
    listSweeps: notUsed('listSweeps'),
    labelSweep: notUsed('labelSweep'),
    deleteSweep: notUsed('deleteSweep'),
    rerunSweep: notUsed('rerunSweep'),
    extendSweep: notUsed('extendSweep'),
    labelRun: notUsed('labelRun'),
    followSweep: notUsed('followSweep') as (id: string, on: (e: SweepEvent) => void) => Promise<'completed'>,
    close: async () => {},
    ...overrides,
  };
  const tracked = { calls } as StudioClient & { calls: string[] };
  for (const [key, value] of Object.entries(base)) {
    (tracked as unknown as Record<string, unknown>)[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            calls.push(key);
            return (value as (...a: unknown[]) => unknown).apply(tracked, args);
          }
        : value;
  }
  return tracked;
}

/** An io that records what a command wrote. */
export function memoryIo(
  options: { isTTY?: boolean; env?: Record<string, string>; signal?: AbortSignal } = {},
) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
  };
  if (options.signal) io.signal = options.signal;
  return { io, stdout: () => stdout, stderr: () => stderr };
}
