import { MlApiError } from '../errors.js';
import type { MlApi } from '../mlApi.js';
import type { CallOptions, DatasetOption, DatasetRows } from '../types.js';
import {
  cancelledBy,
  createHttpTransport,
  type HttpClientOptions,
  type HttpResponse,
  type HttpTransport,
  readJson,
} from './httpTransport.js';
import { readLines } from './readLines.js';
import { errorFromBody } from './responseError.js';
import { NDJSON_CONTENT_TYPE, type StreamLine } from './streamLine.js';

export type HttpMlApiOptions = Omit<HttpClientOptions, 'baseUrl'>;

async function readStream<R>(
  response: HttpResponse,
  onEpoch: NonNullable<CallOptions['onEpoch']>,
): Promise<R> {
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
}

/**
 * The MlApi over a transport; the studio client shares its transport (one request function).
 *
 * @example const api = httpMlApiOver(createHttpTransport({ baseUrl, fetch, client: 'cli' }));
 */
export function httpMlApiOver(http: HttpTransport): MlApi {
  const post = async <R>(path: string, body: unknown, o: CallOptions = {}): Promise<R> => {
    const init: Parameters<HttpTransport['send']>[1] = {
      method: 'POST',
      json: body,
      accept: o.onEpoch ? NDJSON_CONTENT_TYPE : 'application/json',
    };
    if (o.signal) init.signal = o.signal;
    try {
      const response = await http.send(path, init);
      return o.onEpoch ? await readStream<R>(response, o.onEpoch) : ((await readJson(response)) as R);
    } catch (err) {
      // Whatever broke after an abort (fetch, body read, stream), the honest answer is "cancelled".
      throw cancelledBy([o.signal, http.signal], err) ?? err;
    }
  };

  return {
    async getDatasetManifest() {
      return (await http.json<{ datasets: DatasetOption[] }>('/api/datasets')).datasets;
    },
    getDatasetRows(datasetId, page = {}) {
      return http.json<DatasetRows>(`/api/datasets/${encodeURIComponent(datasetId)}/rows`, {
        query: { offset: page.offset, limit: page.limit },
      });
    },
    trainPytorch: (req, o) => post('/api/pytorch/train', req, o),
    trainTensorflow: (req, o) => post('/api/tensorflow/train', req, o),
    distillPytorch: (req, o) => post('/api/pytorch/distill', req, o),
    distillTensorflow: (req, o) => post('/api/tensorflow/distill', req, o),
  };
}

/**
 * The MlApi spoken over the Trainyard HTTP routes (browser, CLI). Failures reject with MlApiError:
 * the server's `{ error: { code, message, field } }`, NETWORK when the server cannot be reached,
 * CANCELLED once the caller aborted. With `onEpoch` a call asks for an NDJSON stream and forwards
 * each epoch line as it arrives. `fetch` is injected: core never calls the global one.
 *
 * @example const api = createHttpMlApi('http://127.0.0.1:5178', { fetch: (u, i) => fetch(u, i), token });
 */
export function createHttpMlApi(baseUrl: string, opts: HttpMlApiOptions): MlApi {
  return httpMlApiOver(createHttpTransport({ ...opts, baseUrl }));
}
