/**
 * The datasets shipped in packages/trainers/data (converted once from Debian's python3-sklearn by
 * scripts/convert-sklearn-datasets.py). The path resolves the same from src/ and from dist/.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetOption } from '@trainyard/core';
import { buildCsvTable, type CsvTable } from './buildCsvTable.js';
import { readCsvGrid } from './readCsvGrid.js';

export const BUILTIN_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** One manifest.json entry: a DatasetOption (less `builtIn`) plus its file and the class order. */
export interface BuiltinManifestEntry extends Omit<DatasetOption, 'builtIn'> {
  labels?: string[];
  file: string;
}

export function readBuiltinManifest(dataDir: string = BUILTIN_DATA_DIR): BuiltinManifestEntry[] {
  return JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as BuiltinManifestEntry[];
}

export function builtinOption(entry: BuiltinManifestEntry): DatasetOption {
  const { labels: _labels, file: _file, ...option } = entry;
  return { ...option, builtIn: true };
}

/** Parses a built-in CSV with the manifest's task and class order. */
export async function loadBuiltin(
  entry: BuiltinManifestEntry,
  dataDir: string = BUILTIN_DATA_DIR,
): Promise<CsvTable> {
  const text = await readFile(join(dataDir, entry.file), 'utf8');
  const options = { datasetId: entry.id, targetColumn: entry.targetColumn, task: entry.task };
  return buildCsvTable(readCsvGrid(text), entry.labels ? { ...options, labels: entry.labels } : options);
}
