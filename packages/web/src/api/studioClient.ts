import {
  type DatasetOption,
  errorFromResponse,
  type Framework,
  type HealthInfo,
  MlApiError,
  type ModelSummary,
  type StoredRun,
  type TaskKind,
} from '@trainyard/core';

/** The studio routes beyond the six `MlApi` ones: health, history, models, uploads. */
export interface StudioClient {
  health(): Promise<HealthInfo>;
  listRuns(filter?: { framework?: Framework; datasetId?: string }): Promise<StoredRun[]>;
  deleteRun(runId: string): Promise<void>;
  listModels(): Promise<ModelSummary[]>;
  deleteModel(modelId: string): Promise<void>;
  /** Same-origin URL of the model archive (zip). */
  modelDownloadUrl(modelId: string): string;
  /** Fetches the model archive with the auth header (needed when a token is set). */
  downloadModel(modelId: string): Promise<Blob>;
  uploadDataset(o: {
    name: string;
    target: string;
    task?: TaskKind;
    csv: Blob | string;
  }): Promise<DatasetOption>;
  deleteDataset(datasetId: string): Promise<void>;
  readonly token?: string;
}

export interface StudioClientOptions {
  token?: string;
  fetch?: typeof fetch;
}

/**
 * HTTP client for the studio routes, same conventions as core's `createHttpMlApi`.
 *
 * @example const studio = createStudioClient(window.location.origin, { token })
 */
export function createStudioClient(origin: string, opts: StudioClientOptions = {}): StudioClient {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const base = origin.replace(/\/$/, '');
  const auth: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
    } catch (cause) {
      throw new MlApiError('NETWORK', `Cannot reach the Trainyard server at ${origin}`, { cause });
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }
  const json = async <T>(path: string, init?: RequestInit): Promise<T> =>
    (await send(path, init)).json() as T;
  const id = encodeURIComponent;

  return {
    token: opts.token,
    health: () => json<HealthInfo>('/api/health'),
    async listRuns(filter = {}) {
      const q = new URLSearchParams();
      if (filter.framework) q.set('framework', filter.framework);
      if (filter.datasetId) q.set('datasetId', filter.datasetId);
      const qs = q.size > 0 ? `?${q}` : '';
      return (await json<{ runs: StoredRun[] }>(`/api/runs${qs}`)).runs;
    },
    async deleteRun(runId) {
      await send(`/api/runs/${id(runId)}`, { method: 'DELETE' });
    },
    async listModels() {
      return (await json<{ models: ModelSummary[] }>('/api/models')).models;
    },
    async deleteModel(modelId) {
      await send(`/api/models/${id(modelId)}`, { method: 'DELETE' });
    },
    modelDownloadUrl: (modelId) => `${base}/api/models/${id(modelId)}/download`,
    async downloadModel(modelId) {
      return (await send(`/api/models/${id(modelId)}/download`)).blob();
    },
    async uploadDataset({ name, target, task, csv }) {
      const q = new URLSearchParams({ name, target });
      if (task) q.set('task', task);
      const body = await json<{ dataset: DatasetOption }>(`/api/datasets?${q}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
      return body.dataset;
    },
    async deleteDataset(datasetId) {
      await send(`/api/datasets/${id(datasetId)}`, { method: 'DELETE' });
    },
  };
}
