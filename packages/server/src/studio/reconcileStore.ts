import { combinationKey, type ModelSummary, pickCombination, type StoredRun } from '@trainyard/core';
import type { ModelStore } from '@trainyard/trainers';
import type { Store } from '../store/createStore.js';
import { interruptOrphans, type OrphansInterrupted, type OwnerCheck } from './interruptOrphans.js';
import { toModelSummary } from './toModelSummary.js';

/** The part of the trainers' model store that reconciliation reads. */
export interface ModelFiles {
  models: Pick<ModelStore, 'list' | 'remove'>;
}

/**
 * Start-up repair after a crash or kill -9: runs and sweeps whose owner process is gone become
 * 'interrupted' (a live process's, e.g. the server's while the CLI opens the same home, are left
 * alone); index rows whose model files vanished are dropped (so a row never points to a missing
 * file) and model files the index does not know are indexed, except the model of an interrupted
 * run (saved before the kill, its run never completed: a fused group saves all its members' models
 * before their rows end; a worker killed likewise), whose files are removed as a stopped run's are. A PostgreSQL store is shared by
 * machines whose model files this one cannot see, so there no row is dropped.
 */
export async function reconcileStore(
  store: Store,
  files: ModelFiles,
  isAlive: OwnerCheck,
  now: () => Date = () => new Date(),
): Promise<
  OrphansInterrupted & {
    droppedModels: string[];
    indexedModels: string[];
    /** Models of runs just interrupted, removed rather than indexed. */
    removedModels: string[];
  }
> {
  const { interruptedRuns, interruptedSweeps } = await interruptOrphans(store, isAlive, now().toISOString());

  const onDisk = (await files.models.list()).map(toModelSummary);
  const diskIds = new Set(onDisk.map((m) => m.modelId));
  const indexed = new Set(await store.models.ids());
  const droppedModels = store.shared ? [] : [...indexed].filter((id) => !diskIds.has(id));
  for (const id of droppedModels) {
    await store.models.delete(id);
    await store.runs.forgetModel(id);
  }
  const stray = onDisk.filter((m) => !indexed.has(m.modelId));
  const interrupted =
    stray.length > 0 ? (await store.runs.list()).filter((r) => r.stopReason === 'interrupted') : [];
  const orphaned = stray.filter((m) => interrupted.some((r) => isModelOf(m, r)));
  for (const m of orphaned) await files.models.remove(m.modelId);
  const indexedModels = stray.filter((m) => !orphaned.includes(m)).map((m) => m.modelId);
  for (const m of stray) if (indexedModels.includes(m.modelId)) await store.models.put(m);
  return {
    interruptedRuns,
    interruptedSweeps,
    droppedModels,
    indexedModels,
    removedModels: orphaned.map((m) => m.modelId),
  };
}

/**
 * Whether a saved model is what an interrupted run trained: same engine, data, seed and combination,
 * saved while it ran (between its start and its closing as interrupted, now or by a distributed
 * API server that found its worker lost).
 */
function isModelOf(m: ModelSummary, r: StoredRun): boolean {
  return (
    m.kind === 'trained' &&
    r.kind === 'train' &&
    m.framework === r.framework &&
    m.datasetId === r.datasetId &&
    m.params.seed === r.seed &&
    m.params.mode === r.mode &&
    combinationKey(pickCombination(m.params)) === combinationKey(pickCombination(r)) &&
    m.createdAt >= r.createdAt &&
    r.finishedAt !== undefined &&
    m.createdAt <= r.finishedAt
  );
}
