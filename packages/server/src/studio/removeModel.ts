import { MlApiError } from '@trainyard/core';
import type { Store } from '../store/createStore.js';
import type { StudioLocalApi } from './localApi.js';

/** The model's files are not there (any more). */
export const isModelGone = (err: unknown) =>
  (err instanceof MlApiError && err.code === 'NOT_FOUND') || (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Removes a saved model: files first, then its index row and the runs' references to it. A crash in
 * between leaves a row without files, which the next start drops; the other order could leave files
 * that the next start would index again. Files already gone are fine.
 *
 * @example await removeModel({ local, store }, 'm_123');
 */
export async function removeModel(
  studio: { local: Pick<StudioLocalApi, 'models'>; store: Store },
  modelId: string,
): Promise<void> {
  await studio.local.models.remove(modelId).catch((err: unknown) => {
    if (!isModelGone(err)) throw err;
  });
  await studio.store.models.delete(modelId);
  await studio.store.runs.forgetModel(modelId);
}
