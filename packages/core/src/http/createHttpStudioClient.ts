import { MlApiError } from '../errors.js';
import type { MlApi } from '../mlApi.js';
import type { LabelsPatch } from '../schemas/labelsSchema.js';
import type {
  HealthInfo,
  ModelSummary,
  PredictionResult,
  PredictRow,
  StoredRun,
  SweepEvent,
  SweepFields,
  SweepRecord,
  SweepStatus,
} from '../studioTypes.js';
import { isActiveSweepStatus } from '../sweepStatus.js';
import type { SweepFilter } from '../sweepSummary.js';
import type {
  DatasetOption,
  DatasetRows,
  DatasetRowsPage,
  DatasetSummary,
  Framework,
  TaskKind,
} from '../types.js';
import { httpMlApiOver } from './createHttpMlApi.js';
import { createHttpTransport, type HttpClientOptions, type HttpResponse, readJson } from './httpTransport.js';
import { errorFromBody } from './responseError.js';
import { readServerSentEvents, SSE_CONTENT_TYPE } from './streamLine.js';

export interface RunFilter {
  framework?: Framework;
  datasetId?: string;
  sweepId?: string;
  tag?: string;
}

export interface DatasetUpload {
  target: string;
  /** Defaults (on the server) to a name derived from the target. */
  name?: string;
  task?: TaskKind;
}

/** The studio's HTTP API beyond the MlApi: health, datasets, runs, models, durable sweeps. */
export interface HttpStudioClient {
  readonly baseUrl: string;
  /** The MlApi over the same requests (training and distillation). */
  readonly api: MlApi;
  /** The server's health; rejects when the server is not a Trainyard server. */
  health(): Promise<HealthInfo>;
  listDatasets(): Promise<DatasetOption[]>;
  getDataset(id: string): Promise<DatasetOption>;
  getDatasetRows(id: string, page?: DatasetRowsPage): Promise<DatasetRows>;
  /** Per-column summaries (type, missing cells, range or categories, histogram). */
  getDatasetSummary(id: string): Promise<DatasetSummary>;
  /** Imports a CSV (the request body) as a user dataset. */
  uploadDataset(csv: string | Uint8Array<ArrayBuffer>, upload: DatasetUpload): Promise<DatasetOption>;
  /** Deletes an uploaded dataset; one that runs were trained on needs `force` (else CONFLICT). */
  deleteDataset(id: string, opts?: { force?: boolean }): Promise<void>;
  /** Renames an uploaded dataset (the display name; its id stays). */
  renameDataset(id: string, name: string): Promise<DatasetOption>;
  listRuns(filter?: RunFilter): Promise<StoredRun[]>;
  /** Deletes a stored run; with `deleteModel` its saved model goes too (else the model stays, naming the run). */
  deleteRun(id: string, opts?: { deleteModel?: boolean }): Promise<void>;
  listModels(): Promise<ModelSummary[]>;
  getModel(id: string): Promise<ModelSummary>;
  deleteModel(id: string): Promise<void>;
  /** URL of the model archive (a zip of the model files plus metadata.json). */
  modelDownloadUrl(id: string): string;
  downloadModel(id: string): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * Predictions of a saved model for raw rows (JSON) or a CSV text with a header line.
   * @example await studio.predict('m_…', [{ 'sepal length (cm)': 5.1, ... }])
   * @example await studio.predict('m_…', { csv: 'a,b\n1,2\n' })
   */
  predict(id: string, rows: readonly PredictRow[] | { csv: string }): Promise<PredictionResult>;
  createSweep(fields: SweepFields): Promise<SweepRecord>;
  /** Every sweep passing the filter, newest first. */
  listSweeps(filter?: SweepFilter): Promise<SweepRecord[]>;
  /** Sets a sweep's name, tags or notes (an empty name restores the default one). */
  labelSweep(id: string, patch: LabelsPatch): Promise<SweepRecord>;
  /** Deletes a sweep that is not running with its runs, and with `models` their models. */
  deleteSweep(id: string, opts?: { models?: boolean }): Promise<{ runs: number; models: number }>;
  /** Starts a new sweep with the same grid. */
  rerunSweep(id: string): Promise<SweepRecord>;
  /** Adds values to the sweep's lists (the new list texts) and trains only the new combinations. */
  extendSweep(id: string, lists: Partial<SweepFields>): Promise<SweepRecord>;
  /** Sets a run's name, tags or notes. */
  labelRun(id: string, patch: LabelsPatch): Promise<StoredRun>;
  getSweep(id: string): Promise<{ sweep: SweepRecord; runs: StoredRun[] }>;
  cancelSweep(id: string): Promise<SweepRecord>;
  resumeSweep(id: string): Promise<SweepRecord>;
  /**
   * Delivers the sweep's events (current progress and rows first, then live ones) until it is
   * done; resolves with its final status, or 'detached' when `signal` aborts first (the sweep runs on).
   */
  followSweep(
    id: string,
    onEvent: (e: SweepEvent) => void,
    signal?: AbortSignal,
  ): Promise<SweepStatus | 'detached'>;
}

const SWEEP_EVENT_TYPES: ReadonlySet<string> = new Set(['progress', 'row', 'epoch', 'done']);
/** Times a sweep's event stream that ended without `done` is re-opened before giving up. */
const MAX_REOPEN = 5;

/**
 * One SSE message (event name + JSON data) as a SweepEvent; unknown names give undefined.
 *
 * @example toSweepEvent('done', '{"status":"completed"}') // { type: 'done', status: 'completed' }
 */
export function toSweepEvent(event: string | undefined, data: string): SweepEvent | undefined {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  const type = event ?? (typeof parsed.type === 'string' ? parsed.type : undefined);
  if (!type || !SWEEP_EVENT_TYPES.has(type)) return undefined;
  return { ...parsed, type } as SweepEvent;
}

/**
 * Reads a `GET /api/sweeps/:id/events` body, calling `onEvent` per event, until `done` or its end:
 * resolves with the status of `done`, or undefined when the stream ended without one.
 */
export async function readSweepEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SweepEvent) => void,
): Promise<SweepStatus | undefined> {
  for await (const message of readServerSentEvents(body)) {
    const event = toSweepEvent(message.event, message.data);
    if (!event) continue;
    onEvent(event);
    if (event.type === 'done') return event.status;
  }
  return undefined;
}

const isHealthInfo = (body: unknown): body is HealthInfo => {
  const b = body as Partial<HealthInfo> | null;
  return typeof b === 'object' && b !== null && b.status === 'ok' && typeof b.version === 'string';
};

/**
 * The client of every studio route (web, CLI, library users), over the same request function as
 * `createHttpMlApi`: same headers, same errors (MlApiError with the server's code, message, field).
 *
 * @example const studio = createHttpStudioClient({ baseUrl: 'http://127.0.0.1:8787', fetch: (u, i) => fetch(u, i) });
 */
export function createHttpStudioClient(options: HttpClientOptions): HttpStudioClient {
  const http = createHttpTransport(options);
  const enc = encodeURIComponent;
  const notTrainyard = (response: HttpResponse) =>
    new MlApiError(
      'INTERNAL',
      `${options.baseUrl || 'This address'} is not a Trainyard server: GET /api/health answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} without a Trainyard health report`,
      { status: response.status },
    );

  const client: HttpStudioClient = {
    baseUrl: options.baseUrl,
    api: httpMlApiOver(http),
    async health() {
      const response = await http.fetchResponse('/api/health');
      let body: unknown;
      try {
        body = await readJson(response);
      } catch {
        throw notTrainyard(response);
      }
      if (!response.ok) throw errorFromBody(body, response.status) ?? notTrainyard(response);
      if (!isHealthInfo(body)) throw notTrainyard(response);
      return body;
    },
    async listDatasets() {
      return (await http.json<{ datasets: DatasetOption[] }>('/api/datasets')).datasets;
    },
    async getDataset(id) {
      return (await http.json<{ dataset: DatasetOption }>(`/api/datasets/${enc(id)}`)).dataset;
    },
    getDatasetRows(id, page = {}) {
      return http.json<DatasetRows>(`/api/datasets/${enc(id)}/rows`, {
        query: { offset: page.offset, limit: page.limit },
      });
    },
    async getDatasetSummary(id) {
      return (await http.json<{ summary: DatasetSummary }>(`/api/datasets/${enc(id)}/summary`)).summary;
    },
    async uploadDataset(csv, upload) {
      const body = await http.json<{ dataset: DatasetOption }>('/api/datasets', {
        method: 'POST',
        query: { name: upload.name, target: upload.target, task: upload.task },
        body: csv,
        contentType: 'text/csv',
      });
      return body.dataset;
    },
    async deleteDataset(id, opts = {}) {
      const query = { force: opts.force ? 'true' : undefined };
      await http.send(`/api/datasets/${enc(id)}`, { method: 'DELETE', query });
    },
    async renameDataset(id, name) {
      const init = { method: 'PATCH', json: { name } };
      return (await http.json<{ dataset: DatasetOption }>(`/api/datasets/${enc(id)}`, init)).dataset;
    },
    async listRuns(filter = {}) {
      const query = {
        framework: filter.framework,
        datasetId: filter.datasetId,
        sweepId: filter.sweepId,
        tag: filter.tag,
      };
      return (await http.json<{ runs: StoredRun[] }>('/api/runs', { query })).runs;
    },
    async deleteRun(id, opts = {}) {
      const query = { deleteModel: opts.deleteModel ? 'true' : undefined };
      await http.send(`/api/runs/${enc(id)}`, { method: 'DELETE', query });
    },
    async listModels() {
      return (await http.json<{ models: ModelSummary[] }>('/api/models')).models;
    },
    async getModel(id) {
      return (await http.json<{ model: ModelSummary }>(`/api/models/${enc(id)}`)).model;
    },
    async deleteModel(id) {
      await http.send(`/api/models/${enc(id)}`, { method: 'DELETE' });
    },
    modelDownloadUrl: (id) => http.url(`/api/models/${enc(id)}/download`),
    async downloadModel(id) {
      const response = await http.send(`/api/models/${enc(id)}/download`, { accept: 'application/zip' });
      return new Uint8Array(await response.arrayBuffer());
    },
    predict(id, rows) {
      const path = `/api/models/${enc(id)}/predict`;
      return 'csv' in rows
        ? http.json<PredictionResult>(path, { method: 'POST', body: rows.csv, contentType: 'text/csv' })
        : http.json<PredictionResult>(path, { method: 'POST', json: { rows } });
    },
    async createSweep(fields) {
      return (await http.json<{ sweep: SweepRecord }>('/api/sweeps', { method: 'POST', json: fields })).sweep;
    },
    async listSweeps(filter = {}) {
      const { status, framework, datasetId, tag, text } = filter;
      const query = { status, framework, datasetId, tag, text };
      return (await http.json<{ sweeps: SweepRecord[] }>('/api/sweeps', { query })).sweeps;
    },
    async labelSweep(id, patch) {
      return (
        await http.json<{ sweep: SweepRecord }>(`/api/sweeps/${enc(id)}`, { method: 'PATCH', json: patch })
      ).sweep;
    },
    async deleteSweep(id, opts = {}) {
      const query = { models: opts.models ? 'true' : undefined };
      return (
        await http.json<{ deleted: { runs: number; models: number } }>(`/api/sweeps/${enc(id)}`, {
          method: 'DELETE',
          query,
        })
      ).deleted;
    },
    async rerunSweep(id) {
      return (await http.json<{ sweep: SweepRecord }>(`/api/sweeps/${enc(id)}/rerun`, { method: 'POST' }))
        .sweep;
    },
    async extendSweep(id, lists) {
      return (
        await http.json<{ sweep: SweepRecord }>(`/api/sweeps/${enc(id)}/extend`, {
          method: 'POST',
          json: lists,
        })
      ).sweep;
    },
    async labelRun(id, patch) {
      return (await http.json<{ run: StoredRun }>(`/api/runs/${enc(id)}`, { method: 'PATCH', json: patch }))
        .run;
    },
    getSweep(id) {
      return http.json<{ sweep: SweepRecord; runs: StoredRun[] }>(`/api/sweeps/${enc(id)}`);
    },
    async cancelSweep(id) {
      return (await http.json<{ sweep: SweepRecord }>(`/api/sweeps/${enc(id)}/cancel`, { method: 'POST' }))
        .sweep;
    },
    async resumeSweep(id) {
      return (await http.json<{ sweep: SweepRecord }>(`/api/sweeps/${enc(id)}/resume`, { method: 'POST' }))
        .sweep;
    },
    async followSweep(id, onEvent, signal) {
      const init: Parameters<typeof http.send>[1] = { accept: SSE_CONTENT_TYPE };
      if (signal) init.signal = signal;
      try {
        // A stream that ends without `done` (server restart, proxy timeout) is re-opened; a late
        // subscriber gets the current progress and rows again, which the reporter de-duplicates.
        for (let attempt = 0; ; attempt++) {
          if (signal?.aborted) return 'detached';
          const response = await http.send(`/api/sweeps/${enc(id)}/events`, init);
          const status = response.body ? await readSweepEvents(response.body, onEvent) : undefined;
          if (status) return status;
          if (signal?.aborted) return 'detached';
          const current = (await client.getSweep(id)).sweep.status;
          if (!isActiveSweepStatus(current) || attempt >= MAX_REOPEN) return current;
        }
      } catch (err) {
        if (signal?.aborted) return 'detached';
        throw err;
      }
    },
  };
  return client;
}
