import { createHttpStudioClient, type Fetch, type HttpStudioClient } from '@trainyard/core';

/** The studio routes the pages use beyond the six `MlApi` ones: health, history, models, uploads, sweeps. */
export type StudioClient = Pick<
  HttpStudioClient,
  | 'health'
  | 'listRuns'
  | 'deleteRun'
  | 'listModels'
  | 'deleteModel'
  | 'modelDownloadUrl'
  | 'downloadModel'
  | 'predict'
  | 'uploadDataset'
  | 'deleteDataset'
  | 'renameDataset'
  | 'getDatasetSummary'
  | 'createSweep'
  | 'listSweeps'
  | 'getSweep'
  | 'cancelSweep'
  | 'resumeSweep'
  | 'followSweep'
  | 'labelSweep'
  | 'deleteSweep'
  | 'rerunSweep'
  | 'extendSweep'
  | 'labelRun'
> & {
  /** Set when the server needs a token: a plain download link cannot send it. */
  readonly token?: string;
};

export interface StudioClientOptions {
  token?: string;
  /** Defaults to the page's fetch, looked up at call time. */
  fetch?: Fetch;
}

const pageFetch: Fetch = (url, init) => globalThis.fetch(url, init);

/**
 * Core's studio client for this page: every request says `X-Trainyard-Client: web`. Its `api`
 * (the MlApi) shares the same requests.
 *
 * @example const studio = createStudioClient(window.location.origin, { token })
 */
export function createStudioClient(
  origin: string,
  opts: StudioClientOptions = {},
): HttpStudioClient & StudioClient {
  const options: Parameters<typeof createHttpStudioClient>[0] = {
    baseUrl: origin,
    fetch: opts.fetch ?? pageFetch,
    client: 'web',
  };
  if (opts.token) options.token = opts.token;
  const client = createHttpStudioClient(options);
  return opts.token ? { ...client, token: opts.token } : client;
}
