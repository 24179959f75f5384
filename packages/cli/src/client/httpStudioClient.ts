import type {
  DatasetOption,
  DatasetRows,
  ModelSummary,
  StoredRun,
  SweepEvent,
  SweepFields,
  SweepRecord,
} from '@trainyard/core';
import { createHttpMlApi } from '@trainyard/core';
import { type HttpOptions, httpJson, httpRequest } from './httpRequest.js';
import type { StudioClient } from './studioClient.js';
import { readSweepEvents } from './sweepEventStream.js';

export interface HttpStudioClientOptions {
  baseUrl: string;
  token?: string;
  /** Defaults to the global fetch; the embedded client passes one that injects into Fastify. */
  fetch?: typeof fetch;
  kind?: StudioClient['kind'];
  location?: string;
}

const enc = encodeURIComponent;
const ACTIVE = new Set<string>(['queued', 'running']);
const MAX_REOPEN = 5;

/**
 * A StudioClient over the studio's HTTP API (see ARCHITECTURE.md / the server issue).
 * @example const client = createHttpStudioClient({ baseUrl: 'http://127.0.0.1:8787' });
 */
export function createHttpStudioClient(options: HttpStudioClientOptions): StudioClient {
  const http: HttpOptions = { baseUrl: options.baseUrl, fetch: options.fetch ?? globalThis.fetch };
  if (options.token) http.token = options.token;
  const apiOpts: { fetch: typeof fetch; token?: string } = { fetch: http.fetch };
  if (options.token) apiOpts.token = options.token;

  return {
    kind: options.kind ?? 'remote',
    location: options.location ?? options.baseUrl,
    api: createHttpMlApi(options.baseUrl, apiOpts),
    async listDatasets() {
      return (await httpJson<{ datasets: DatasetOption[] }>(http, 'api/datasets')).datasets;
    },
    async getDataset(id) {
      return (await httpJson<{ dataset: DatasetOption }>(http, `api/datasets/${enc(id)}`)).dataset;
    },
    async getDatasetRows(id, page = {}) {
      return httpJson<DatasetRows>(http, `api/datasets/${enc(id)}/rows`, {
        query: { offset: page.offset, limit: page.limit },
      });
    },
    async addDataset(csv, upload) {
      const res = await httpJson<{ dataset: DatasetOption }>(http, 'api/datasets', {
        method: 'POST',
        query: { name: upload.name, target: upload.target, task: upload.task },
        body: csv,
        contentType: 'text/csv',
      });
      return res.dataset;
    },
    async listRuns(filter = {}) {
      const query = { framework: filter.framework, datasetId: filter.datasetId, sweepId: filter.sweepId };
      return (await httpJson<{ runs: StoredRun[] }>(http, 'api/runs', { query })).runs;
    },
    async listModels() {
      return (await httpJson<{ models: ModelSummary[] }>(http, 'api/models')).models;
    },
    async getModel(id) {
      return (await httpJson<{ model: ModelSummary }>(http, `api/models/${enc(id)}`)).model;
    },
    async downloadModel(id) {
      const res = await httpRequest(http, `api/models/${enc(id)}/download`, { accept: 'application/zip' });
      return new Uint8Array(await res.arrayBuffer());
    },
    async deleteModel(id) {
      await httpRequest(http, `api/models/${enc(id)}`, { method: 'DELETE' });
    },
    async createSweep(fields: SweepFields) {
      return (await httpJson<{ sweep: SweepRecord }>(http, 'api/sweeps', { method: 'POST', json: fields }))
        .sweep;
    },
    async getSweep(id) {
      return httpJson<{ sweep: SweepRecord; runs: StoredRun[] }>(http, `api/sweeps/${enc(id)}`);
    },
    async cancelSweep(id) {
      return (
        await httpJson<{ sweep: SweepRecord }>(http, `api/sweeps/${enc(id)}/cancel`, { method: 'POST' })
      ).sweep;
    },
    async resumeSweep(id) {
      return (
        await httpJson<{ sweep: SweepRecord }>(http, `api/sweeps/${enc(id)}/resume`, { method: 'POST' })
      ).sweep;
    },
    async followSweep(id, onEvent: (e: SweepEvent) => void, signal) {
      const init: Parameters<typeof httpRequest>[2] = { accept: 'text/event-stream' };
      if (signal) init.signal = signal;
      try {
        // A stream that ends without `done` (server restart, proxy timeout) is re-opened; a late
        // subscriber gets the current progress and rows again, which the reporter de-duplicates.
        for (let attempt = 0; ; attempt++) {
          if (signal?.aborted) return 'detached';
          const res = await httpRequest(http, `api/sweeps/${enc(id)}/events`, init);
          const status = res.body ? await readSweepEvents(res.body, onEvent) : undefined;
          if (status) return status;
          const current = (await this.getSweep(id)).sweep.status;
          if (!ACTIVE.has(current) || attempt >= MAX_REOPEN) return current;
        }
      } catch (err) {
        if (signal?.aborted) return 'detached';
        throw err;
      }
    },
    async close() {},
  };
}
