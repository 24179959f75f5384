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
  const studio: StudioClient & { deleted: string[]; deletedRuns: string[] } = {
    deleted: [],
    deletedRuns: [],
    health: async () => o.health ?? healthyInfo,
    listRuns: async () => [...runs],
    deleteRun: async (id) => {
      studio.deletedRuns.push(id);
      const at = runs.findIndex((r) => r.id === id);
      if (at >= 0) runs.splice(at, 1);
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
    downloadModel: async () => new Blob(['zip']),
    uploadDataset: async () => {
      throw new Error('not used');
    },
    deleteDataset: async () => {},
  };
  return studio;
}

/** A stored run for tests: a completed PyTorch iris run unless `overrides` say otherwise. */
export function storedRun(overrides: Partial<StoredRun> = {}): StoredRun {
  return {
    id: 'run-1',
    framework: 'pytorch',
    datasetId: 'iris',
    result: 'completed',
    status: 'completed',
    kind: 'train',
    seed: 42,
    epochs: 10,
    batchSize: 16,
    learningRate: 0.01,
    testSize: 0.2,
    hiddenDim: 64,
    numHiddenLayers: 2,
    dropout: 0.1,
    metric_name: 'accuracy',
    metric_score: 0.9,
    train_loss: 0.3,
    test_loss: 0.35,
    modelId: 'mdl-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
