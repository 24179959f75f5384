/**
 * Keeps recently prepared splits so a sweep over many combinations with the same dataset,
 * testSize and seed splits and scales once. Bounded by entry count and by bytes.
 */
import { LRUCache } from 'lru-cache';
import type { DatasetTable } from '../datasets/datasetTable.js';
import type { PreparedData } from '../engine.js';
import { type PrepareOptions, prepareData } from './prepareData.js';

export interface PreparedDataCache {
  get(table: DatasetTable, options: PrepareOptions): PreparedData;
  clear(): void;
}

/**
 * @example
 * const cache = createPreparedDataCache();
 * cache.get(table, { testSize: 0.2, seed: 42 }) === cache.get(table, { testSize: 0.2, seed: 42 }); // true
 */
export function createPreparedDataCache(
  options: { max?: number; maxBytes?: number; prepare?: typeof prepareData } = {},
): PreparedDataCache {
  const prepare = options.prepare ?? prepareData;
  const cache = new LRUCache<string, { table: DatasetTable; data: PreparedData }>({
    max: options.max ?? 8,
    maxSize: options.maxBytes ?? 512 * 1024 * 1024,
    sizeCalculation: ({ data }) => Math.max(1, bytesOf(data)),
  });
  return {
    get(table, { testSize, seed, validationSize = 0, fold }) {
      // Sorted keys: a stable cache key (STYLE.md §16).
      const key = JSON.stringify({
        datasetId: table.datasetId,
        fold: fold ? [fold.folds, fold.index] : null,
        seed,
        testSize,
        validationSize,
      });
      const hit = cache.get(key);
      // A different table object under the same id (re-imported data) or a buffer some caller
      // transferred away must not be served.
      if (hit && hit.table === table && !isDetached(hit.data)) return hit.data;
      const data = prepare(table, { testSize, seed, validationSize, ...(fold ? { fold } : {}) });
      cache.set(key, { table, data });
      return data;
    },
    clear: () => cache.clear(),
  };
}

const ARRAYS = ['xTrain', 'yTrain', 'xVal', 'yVal', 'xTest', 'yTest'] as const;

function bytesOf(d: PreparedData): number {
  return ARRAYS.reduce((sum, field) => sum + d[field].byteLength, 0);
}

function isDetached(d: PreparedData): boolean {
  return (
    (d.nTrain > 0 && d.xTrain.byteLength === 0) ||
    (d.nVal > 0 && d.xVal.byteLength === 0) ||
    (d.nTest > 0 && d.xTest.byteLength === 0)
  );
}
