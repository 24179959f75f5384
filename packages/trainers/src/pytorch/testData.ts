/**
 * Small seeded datasets for the engine's own tests (tiny, so a real python run takes well under a
 * second), fed through the real prepareData so the engine sees exactly what production sends.
 */
import { loadBuiltin, readBuiltinManifest } from '../datasets/builtinDatasets.js';
import type { DatasetTable } from '../datasets/datasetTable.js';
import type { ModelParams, PreparedData } from '../engine.js';
import { prepareData } from '../preprocessing/prepareData.js';
import { mulberry32, normal } from '../preprocessing/random.js';

/** A small MLP that trains on these sets in well under a second. */
export const TEST_PARAMS: ModelParams = {
  epochs: 8,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 42,
};

/** Gaussian blobs: class k is centred at +3 on feature k mod nFeatures. */
export function blobsTable(rows: number, nFeatures: number, nClasses: number, seed = 1): DatasetTable {
  const rand = mulberry32(seed);
  const columns = Array.from({ length: nFeatures }, () => new Float64Array(rows));
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const k = i % nClasses;
    codes[i] = k;
    columns.forEach((col, j) => {
      col[i] = normal(rand) + (j === k % nFeatures ? 3 : 0);
    });
  }
  return {
    datasetId: `blobs-${rows}x${nFeatures}`,
    targetColumn: 'class',
    rows,
    features: columns.map((values, j) => ({ name: `f${j}`, kind: 'numeric', values })),
    target: { task: 'classification', labels: Array.from({ length: nClasses }, (_, k) => `c${k}`), codes },
  };
}

/** y = sum of the features with weights 1..n, plus a little noise. */
export function linearTable(rows: number, nFeatures: number, seed = 1): DatasetTable {
  const rand = mulberry32(seed);
  const columns = Array.from({ length: nFeatures }, () => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0.3 * normal(rand);
    columns.forEach((col, j) => {
      col[i] = normal(rand);
      sum += (j + 1) * col[i]!;
    });
    y[i] = sum;
  }
  return {
    datasetId: `linear-${rows}x${nFeatures}`,
    targetColumn: 'y',
    rows,
    features: columns.map((values, j) => ({ name: `f${j}`, kind: 'numeric', values })),
    target: { task: 'regression', values: y },
  };
}

export function blobs(rows = 240, nFeatures = 4, nClasses = 3): PreparedData {
  return prepareData(blobsTable(rows, nFeatures, nClasses), { testSize: 0.25, seed: 42 });
}

export function linear(rows = 240, nFeatures = 4): PreparedData {
  return prepareData(linearTable(rows, nFeatures), { testSize: 0.25, seed: 42 });
}

/** A built-in dataset split and scaled the way the studio does it by default (testSize 0.2, seed 42). */
export async function builtin(id: string): Promise<PreparedData> {
  const entry = readBuiltinManifest().find((e) => e.id === id);
  if (!entry) throw new Error(`no built-in dataset ${id}`);
  const { table } = await loadBuiltin(entry);
  return prepareData(table, { testSize: 0.2, seed: 42 });
}
