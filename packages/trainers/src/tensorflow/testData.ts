/**
 * Prepared data for tests and benchmarks: the built-in CSVs and the seeded synthetic generator,
 * through the same prepareData both engines use in production.
 */
import type { TaskKind } from '@trainyard/core';
import { loadBuiltin, readBuiltinManifest } from '../datasets/builtinDatasets.js';
import { type SyntheticSpec, syntheticTable } from '../datasets/synthetic.js';
import type { PreparedData } from '../engine.js';
import { prepareData } from '../preprocessing/prepareData.js';

/** @example syntheticData({ task: 'classification', rows: 300, features: 8, classes: 3 }) */
export function syntheticData(
  shape: { task: TaskKind; rows: number; features: number; classes?: number },
  opts: { testSize?: number; seed?: number; validationSize?: number } = {},
): PreparedData {
  const classes = shape.task === 'classification' ? (shape.classes ?? 2) : 1;
  const kind =
    shape.task === 'classification'
      ? `clf-${shape.rows}x${shape.features}x${classes}`
      : `reg-${shape.rows}x${shape.features}`;
  const spec: SyntheticSpec = { id: `synthetic-${kind}`, ...shape, classes };
  return prepareData(syntheticTable(spec), {
    testSize: opts.testSize ?? 0.2,
    seed: opts.seed ?? 42,
    validationSize: opts.validationSize ?? 0,
  });
}

/** @example await builtinData('iris') */
export async function builtinData(
  id: string,
  opts: { testSize?: number; seed?: number; validationSize?: number } = {},
): Promise<PreparedData> {
  const entry = readBuiltinManifest().find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown built-in dataset: ${id}`);
  const { table } = await loadBuiltin(entry);
  return prepareData(table, {
    testSize: opts.testSize ?? 0.2,
    seed: opts.seed ?? 42,
    ...(opts.validationSize ? { validationSize: opts.validationSize } : {}),
  });
}
