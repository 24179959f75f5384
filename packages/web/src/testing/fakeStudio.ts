import type {
  HealthInfo,
  ModelSummary,
  StoredRun,
  SweepEvent,
  SweepRecord,
  SweepStatus,
} from '@trainyard/core';
import type { StudioClient } from '../api/studioClient.js';

export const healthyInfo: HealthInfo = {
  status: 'ok',
  version: '0.1.0',
  engines: { pytorch: { available: true, message: 'ok' }, tensorflow: { available: true, message: 'ok' } },
};

/** Test-only studio client over in-memory runs and models (deletes remove them and are recorded). */
export function createFakeStudio(
  o: { runs?: StoredRun[]; models?: ModelSummary[]; health?: HealthInfo; sweeps?: SweepRecord[] } = {},
) {
  const models = [...(o.models ?? [])];
  const runs = [...(o.runs ?? [])];
  const sweeps: SweepRecord[] = [...(o.sweeps ?? [])];
  const followers = new Map<string, Set<(e: SweepEvent) => void>>();
  const ends = new Map<string, Set<(s: SweepStatus) => void>>();
  const studio: StudioClient & {
    deleted: string[];
    deletedRuns: string[];
    deletedWithModel: string[];
    sweeps: SweepRecord[];
    cancelled: string[];
    /** Sends a sweep event to every follower of `id` (`done` ends their follow). */
    emit(id: string, e: SweepEvent): void;
    followerCount(id: string): number;
  } = {
    deleted: [],
    deletedRuns: [],
    /** Runs deleted with `deleteModel`: their model leaves `models` too. */
    deletedWithModel: [],
    sweeps,
    cancelled: [],
    emit(id, e) {
      for (const f of followers.get(id) ?? []) f(e);
      if (e.type === 'done') {
        const rec = sweeps.find((s) => s.id === id);
        if (rec) rec.status = e.status;
        for (const end of ends.get(id) ?? []) end(e.status);
        followers.delete(id);
        ends.delete(id);
      }
    },
    followerCount: (id) => followers.get(id)?.size ?? 0,
    createSweep: async (fields) => {
      const rec = {
        id: `s${sweeps.length + 1}`,
        status: 'running',
        fields,
        combinations: [],
        total: 1,
        done: 0,
        failed: 0,
        cancelled: 0,
        interrupted: 0,
        stopped: 0,
        createdAt: new Date(0).toISOString(),
      } satisfies SweepRecord;
      sweeps.unshift(rec);
      return rec;
    },
    listSweeps: async () => [...sweeps],
    getSweep: async (id) => {
      const sweep = sweeps.find((s) => s.id === id);
      if (!sweep) throw new Error(`no sweep ${id}`);
      return { sweep, runs: [] };
    },
    cancelSweep: async (id) => {
      studio.cancelled.push(id);
      studio.emit(id, { type: 'done', status: 'cancelled' });
      return (await studio.getSweep(id)).sweep;
    },
    resumeSweep: async (id) => (await studio.getSweep(id)).sweep,
    labelSweep: async (id, patch) => {
      const sweep = (await studio.getSweep(id)).sweep;
      Object.assign(sweep, patch);
      return sweep;
    },
    deleteSweep: async (id) => {
      sweeps.splice(
        sweeps.findIndex((s) => s.id === id),
        1,
      );
      return { runs: 0, models: 0 };
    },
    rerunSweep: async (id) => studio.createSweep((await studio.getSweep(id)).sweep.fields),
    extendSweep: async (id) => (await studio.getSweep(id)).sweep,
    labelRun: async (id, patch) => {
      const run = runs.find((r) => r.id === id);
      if (!run) throw new Error(`Run not found: ${id}`);
      Object.assign(run, patch);
      return run;
    },
    followSweep: (id, onEvent, signal) =>
      new Promise((resolve) => {
        const rec = sweeps.find((s) => s.id === id);
        if (rec && rec.status !== 'running') {
          onEvent({ type: 'done', status: rec.status });
          return resolve(rec.status);
        }
        const set = followers.get(id) ?? new Set();
        set.add(onEvent);
        followers.set(id, set);
        const endSet = ends.get(id) ?? new Set();
        endSet.add(resolve);
        ends.set(id, endSet);
        signal?.addEventListener('abort', () => {
          set.delete(onEvent);
          resolve('detached');
        });
      }),
    health: async () => o.health ?? healthyInfo,
    listRuns: async (filter) => runs.filter((r) => !filter?.tag || (r.tags ?? []).includes(filter.tag)),
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
    predict: async () => {
      throw new Error('not used');
    },
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
