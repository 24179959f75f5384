/**
 * Prepared data for tests and benchmarks: the built-in CSVs and the seeded synthetic generator,
 * through the same prepareData both engines use in production.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TaskKind } from '@trainyard/core';
import { buildCsvTable } from '../datasets/buildCsvTable.js';
import { readCsvGrid } from '../datasets/readCsvGrid.js';
import { type SyntheticSpec, syntheticTable } from '../datasets/synthetic.js';
import type { PreparedData } from '../engine.js';
import { prepareData } from '../preprocessing/prepareData.js';

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

/** @example syntheticData({ task: 'classification', rows: 300, features: 8, classes: 3 }) */
export function syntheticData(
  shape: { task: TaskKind; rows: number; features: number; classes?: number },
  opts: { testSize?: number; seed?: number } = {},
): PreparedData {
  const classes = shape.task === 'classification' ? (shape.classes ?? 2) : 1;
  const kind =
    shape.task === 'classification'
      ? `clf-${shape.rows}x${shape.features}x${classes}`
      : `reg-${shape.rows}x${shape.features}`;
  const spec: SyntheticSpec = { id: `synthetic-${kind}`, ...shape, classes };
  return prepareData(syntheticTable(spec), { testSize: opts.testSize ?? 0.2, seed: opts.seed ?? 42 });
}

interface ManifestEntry {
  id: string;
  file: string;
  targetColumn: string;
  task: 'classification' | 'regression';
  labels?: string[];
}

/** @example await builtinData('iris') */
export async function builtinData(
  id: string,
  opts: { testSize?: number; seed?: number } = {},
): Promise<PreparedData> {
  const manifest = JSON.parse(await readFile(`${dataDir}manifest.json`, 'utf8')) as ManifestEntry[];
  const entry = manifest.find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown built-in dataset: ${id}`);
  const grid = readCsvGrid(await readFile(`${dataDir}${entry.file}`, 'utf8'));
  const { table } = buildCsvTable(grid, {
    datasetId: id,
    targetColumn: entry.targetColumn,
    task: entry.task,
    ...(entry.labels ? { labels: entry.labels } : {}),
  });
  return prepareData(table, { testSize: opts.testSize ?? 0.2, seed: opts.seed ?? 42 });
}
