import type { HealthInfo, ModelSummary, StoredRun } from '@trainyard/core';
import type { StudioClient } from '../api/studioClient.js';

export const healthyInfo: HealthInfo = {
  status: 'ok',
  version: '0.1.0',
  engines: { pytorch: { available: true, message: 'ok' }, tensorflow: { available: true, message: 'ok' } },
};

/** Test-only studio client over in-memory runs and models. */
export function createFakeStudio(
  o: { runs?: StoredRun[]; models?: ModelSummary[]; health?: HealthInfo } = {},
) {
  const models = [...(o.models ?? [])];
  const studio: StudioClient & { deleted: string[] } = {
    deleted: [],
    health: async () => o.health ?? healthyInfo,
    listRuns: async () => o.runs ?? [],
    deleteRun: async () => {},
    listModels: async () => [...models],
    deleteModel: async (id) => {
      studio.deleted.push(id);
      models.splice(
        models.findIndex((m) => m.modelId === id),
        1,
      );
    },
    modelDownloadUrl: (id) => `/api/models/${id}/download`,
    downloadModel: async () => new Blob(['zip']),
    uploadDataset: async () => {
      throw new Error('not used');
    },
    deleteDataset: async () => {},
  };
  return studio;
}
