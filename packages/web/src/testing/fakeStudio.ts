import type { HealthInfo, ModelSummary, StoredRun } from '@trainyard/core';
import type { StudioClient } from '../api/studioClient.js';

export const healthyInfo: HealthInfo = {
  status: 'ok',
  version: '0.1.0',
  engines: { pytorch: { available: true, message: 'ok' }, tensorflow: { available: true, message: 'ok' } },
};

/** Test-only studio client over in-memory runs and models (deletes remove them and are recorded). */
export function createFakeStudio(
  o: { runs?: StoredRun[]; models?: ModelSummary[]; health?: HealthInfo } = {},
) {
  const models = [...(o.models ?? [])];
  const runs = [...(o.runs ?? [])];
  const studio: StudioClient & { deleted: string[]; deletedRuns: string[]; deletedWithModel: string[] } = {
    deleted: [],
    deletedRuns: [],
    /** Runs deleted with `deleteModel`: their model leaves `models` too. */
    deletedWithModel: [],
    health: async () => o.health ?? healthyInfo,
    listRuns: async () => [...runs],
    deleteRun: async (id, opts) => {
      studio.deletedRuns.push(id);
      const at = runs.findIndex((r) => r.id === id);
      const modelId = runs[at]?.modelId;
      if (at >= 0) runs.splice(at, 1);
      if (opts?.deleteModel && modelId) {
        studio.deletedWithModel.push(id);
        const m = models.findIndex((x) => x.modelId === modelId);
        if (m >= 0) models.splice(m, 1);
      }
    },
    listModels: async () => [...models],
    deleteModel: async (id) => {
      studio.deleted.push(id);
      models.splice(
        models.findIndex((m) => m.modelId === id),
        1,
      );
    },
    modelDownloadUrl: (id) => `/api/models/${id}/download`,
    downloadModel: async () => new TextEncoder().encode('zip'),
    uploadDataset: async () => {
      throw new Error('not used');
    },
    deleteDataset: async () => {},
    renameDataset: async () => {
      throw new Error('not used');
    },
    getDatasetSummary: async (datasetId) => ({ datasetId, rows: 0, columns: [] }),
  };
  return studio;
}
