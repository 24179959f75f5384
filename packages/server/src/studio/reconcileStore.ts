import type { ModelStore } from '@trainyard/trainers';
import type { Store } from '../store/createStore.js';
import { interruptOrphans, type OrphansInterrupted, type OwnerCheck } from './interruptOrphans.js';
import { toModelSummary } from './toModelSummary.js';

/** The part of the trainers' model store that reconciliation reads. */
export interface ModelFiles {
  models: Pick<ModelStore, 'list'>;
}

/**
 * Start-up repair after a crash or kill -9: runs and sweeps whose owner process is gone become
 * 'interrupted' (a live process's, e.g. the server's while the CLI opens the same home, are left
 * alone); index rows whose model files vanished are dropped (so a row never points to a missing
 * file) and model files the index does not know are indexed. A PostgreSQL store is shared by
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
  const indexedModels = onDisk.filter((m) => !indexed.has(m.modelId)).map((m) => m.modelId);
  for (const m of onDisk) if (!indexed.has(m.modelId)) await store.models.put(m);
  return { interruptedRuns, interruptedSweeps, droppedModels, indexedModels };
}
