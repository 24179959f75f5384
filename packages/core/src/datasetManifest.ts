import type { MlApi } from './mlApi.js';
import type { DatasetOption } from './types.js';

/**
 * REQ-001: keep the user's selection, else the first dataset, else nothing.
 *
 * @example resolveSelectedDatasetId(null, [{ id: 'A' }, { id: 'B' }]) // 'A'
 */
export function resolveSelectedDatasetId(
  selected: string | null | undefined,
  options: readonly { id: string }[],
): string | null {
  return selected ?? options[0]?.id ?? null;
}

/**
 * Loads the manifest and resolves the selection against it (REQ-001). Rejects as the api does.
 *
 * @example const { options, selectedDatasetId } = await loadDatasetManifest(api, { selectedDatasetId: null });
 */
export async function loadDatasetManifest(
  api: Pick<MlApi, 'getDatasetManifest'>,
  state: { selectedDatasetId: string | null },
): Promise<{ options: DatasetOption[]; selectedDatasetId: string | null }> {
  const options = await api.getDatasetManifest();
  return { options, selectedDatasetId: resolveSelectedDatasetId(state.selectedDatasetId, options) };
}
