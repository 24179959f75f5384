import { MlApiError } from '../errors.js';
import type { MlApi } from '../mlApi.js';
import type { CallOptions, DatasetOption, DatasetRows } from '../types.js';
import { readLines } from './readLines.js';
import { errorFromBody, errorFromResponse } from './responseError.js';
import { NDJSON_CONTENT_TYPE, type StreamLine } from './streamLine.js';

export interface HttpMlApiOptions {
  /** Default `globalThis.fetch`, looked up at call time (never at import). */
  fetch?: typeof fetch;
  /** Sent as `authorization: Bearer <token>` (the server requires it off loopback). */
  token?: string;
}

/**
 * The MlApi spoken over the Trainyard HTTP routes (browser, CLI). Failures reject with MlApiError:
 * the server's `{ error: { code, message, field } }`, or code NETWORK when the server cannot be reached.
 * With `onEpoch` a call asks for an NDJSON stream and forwards each epoch line as it arrives.
 *
 * @example const api = createHttpMlApi('http://127.0.0.1:5178', { token: process.env.TRAINYARD_TOKEN });
 */
export function createHttpMlApi(baseUrl: string, opts: HttpMlApiOptions = {}): MlApi {
  const base = baseUrl.replace(/\/+$/, '');

  const send = async (path: string, init: RequestInit & { headers: Record<string, string> }) => {
    const doFetch = opts.fetch ?? globalThis.fetch;
    if (opts.token) init.headers.authorization = `Bearer ${opts.token}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, init);
    } catch (err) {
      if (init.signal?.aborted) throw new MlApiError('CANCELLED', 'Cancelled', { cause: err });
      throw new MlApiError('NETWORK', `Cannot reach the Trainyard server at ${baseUrl || 'this address'}`, {
        cause: err,
      });
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  };

  const readJson = async (response: Response): Promise<unknown> => {
    try {
      return JSON.parse(await response.text());
    } catch (err) {
      throw new MlApiError('INTERNAL', 'The Trainyard server sent an answer that is not JSON', {
        status: response.status,
        cause: err,
      });
    }
  };

  const readStream = async <R>(
    response: Response,
    onEpoch: NonNullable<CallOptions['onEpoch']>,
  ): Promise<R> => {
    const contentType = response.headers.get('content-type') ?? '';
    // A server that ignores the stream request answers plain JSON; that is still a valid answer.
    if (!contentType.includes(NDJSON_CONTENT_TYPE) || response.body === null)
      return (await readJson(response)) as R;
    for await (const text of readLines(response.body)) {
      let line: StreamLine<R>;
      try {
        line = JSON.parse(text) as StreamLine<R>;
      } catch (err) {
        throw new MlApiError('INTERNAL', 'The Trainyard server sent a stream line that is not JSON', {
          cause: err,
        });
      }
      if (line.type === 'epoch') {
        const { type: _type, ...event } = line;
        onEpoch(event);
      } else if (line.type === 'result') {
        return line.result;
      } else if (line.type === 'error') {
        throw (
          errorFromBody({ error: line.error }) ??
          new MlApiError('INTERNAL', 'The training failed on the server')
        );
      }
    }
    throw new MlApiError('NETWORK', 'The Trainyard server closed the stream before the result');
  };

  const post = async <R>(path: string, body: unknown, o: CallOptions = {}): Promise<R> => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: o.onEpoch ? NDJSON_CONTENT_TYPE : 'application/json',
    };
    const init: RequestInit & { headers: Record<string, string> } = {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    };
    if (o.signal) init.signal = o.signal;
    try {
      const response = await send(path, init);
      return o.onEpoch ? await readStream<R>(response, o.onEpoch) : ((await readJson(response)) as R);
    } catch (err) {
      // Whatever broke after the caller aborted (fetch, body read, stream), the honest answer is "cancelled".
      if (o.signal?.aborted) throw new MlApiError('CANCELLED', 'Cancelled', { cause: err });
      throw err;
    }
  };

  const get = async <R>(path: string): Promise<R> =>
    (await readJson(await send(path, { method: 'GET', headers: { accept: 'application/json' } }))) as R;

  return {
    async getDatasetManifest() {
      return (await get<{ datasets: DatasetOption[] }>('/api/datasets')).datasets;
    },
    getDatasetRows(datasetId, page = {}) {
      const query = new URLSearchParams();
      if (page.offset !== undefined) query.set('offset', String(page.offset));
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      const qs = query.toString() === '' ? '' : `?${query}`;
      return get<DatasetRows>(`/api/datasets/${encodeURIComponent(datasetId)}/rows${qs}`);
    },
    trainPytorch: (req, o) => post('/api/pytorch/train', req, o),
    trainTensorflow: (req, o) => post('/api/tensorflow/train', req, o),
    distillPytorch: (req, o) => post('/api/pytorch/distill', req, o),
    distillTensorflow: (req, o) => post('/api/tensorflow/distill', req, o),
  };
}
