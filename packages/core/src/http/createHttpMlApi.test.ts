import { describe, expect, it, vi } from 'vitest';
import { MlApiError } from '../errors.js';
import { combination, dataset, rowsOf, trainResponse } from '../testFixtures.js';
import type { EpochEvent, TrainRequest } from '../types.js';
import { createHttpMlApi } from './createHttpMlApi.js';
import { CLIENT_HEADER, type HttpRequestInit } from './httpTransport.js';
import { encodeStreamLine, NDJSON_CONTENT_TYPE } from './streamLine.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A streamed body whose chunks arrive one by one, split at arbitrary points. */
const ndjson = (chunks: string[]) => {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': NDJSON_CONTENT_TYPE } });
};

const request: TrainRequest = { datasetId: 'iris', ...combination(2) };

async function rejection(promise: Promise<unknown>): Promise<MlApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MlApiError);
  return err as MlApiError;
}

describe('createHttpMlApi', () => {
  it('gets the manifest and a page of rows from the documented routes', async () => {
    const fetch = vi.fn(async (url: string | URL | Request) =>
      String(url).endsWith('/api/datasets') ? json({ datasets: [dataset('iris')] }) : json(rowsOf('my data')),
    );
    const api = createHttpMlApi('http://host:1/', { fetch });
    expect(await api.getDatasetManifest()).toEqual([dataset('iris')]);
    expect(await api.getDatasetRows('my data', { offset: 100, limit: 50 })).toEqual(rowsOf('my data'));
    await api.getDatasetRows('iris');
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://host:1/api/datasets',
      'http://host:1/api/datasets/my%20data/rows?offset=100&limit=50',
      'http://host:1/api/datasets/iris/rows',
    ]);
  });

  it.each([
    ['trainPytorch', '/api/pytorch/train'],
    ['trainTensorflow', '/api/tensorflow/train'],
    ['distillPytorch', '/api/pytorch/distill'],
    ['distillTensorflow', '/api/tensorflow/distill'],
  ] as const)('%s posts JSON to %s with the bearer token and the signal', async (method, path) => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => json(trainResponse()));
    const api = createHttpMlApi('http://host:1', { fetch, token: 's3cret' });
    const signal = new AbortController().signal;
    const call = api[method] as (req: unknown, o: { signal: AbortSignal }) => Promise<unknown>;
    expect(await call(request, { signal })).toEqual(trainResponse());
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`http://host:1${path}`);
    expect(init).toMatchObject({ method: 'POST', body: JSON.stringify(request), signal });
    expect(init?.headers).toMatchObject({
      authorization: 'Bearer s3cret',
      'content-type': 'application/json',
      accept: 'application/json',
    });
  });

  it('sends no authorization header without a token', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => json({ datasets: [] }));
    await createHttpMlApi('', { fetch }).getDatasetManifest();
    expect(fetch.mock.calls[0]![0]).toBe('/api/datasets');
    expect(fetch.mock.calls[0]![1]?.headers).not.toHaveProperty('authorization');
  });

  it('rejects with the code, message, field and status of an error body', async () => {
    const body = { error: { code: 'VALIDATION', message: 'Epoch out of range (1-500): 0', field: 'epochs' } };
    const api = createHttpMlApi('http://host:1', { fetch: async () => json(body, 400) });
    const err = await rejection(api.trainPytorch(request));
    expect(err).toMatchObject({
      code: 'VALIDATION',
      message: body.error.message,
      field: 'epochs',
      status: 400,
    });
  });

  it('names the status when an error body is not JSON', async () => {
    const fetch = async () =>
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const err = await rejection(createHttpMlApi('http://host:1', { fetch }).getDatasetManifest());
    expect(err).toMatchObject({
      code: 'INTERNAL',
      message: 'The Trainyard server answered 502 Bad Gateway',
      status: 502,
    });
    const notFound = await rejection(
      createHttpMlApi('http://host:1', {
        fetch: async () => new Response('', { status: 404 }),
      }).getDatasetRows('x'),
    );
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('turns a network failure into NETWORK naming the server', async () => {
    const fetch = async () => Promise.reject(new TypeError('fetch failed'));
    const err = await rejection(createHttpMlApi('http://127.0.0.1:9', { fetch }).getDatasetManifest());
    expect(err).toMatchObject({
      code: 'NETWORK',
      message: 'Cannot reach the Trainyard server at http://127.0.0.1:9',
    });
  });

  it('turns an aborted request into CANCELLED', async () => {
    const controller = new AbortController();
    const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
      controller.abort();
      throw init?.signal?.reason;
    };
    const err = await rejection(
      createHttpMlApi('http://host:1', { fetch }).trainPytorch(request, { signal: controller.signal }),
    );
    expect(err.code).toBe('CANCELLED');
  });

  it('asks for NDJSON when onEpoch is given and forwards each epoch before resolving with the result', async () => {
    const e1: EpochEvent = { epoch: 1, epochs: 2, train_loss: 0.9, test_loss: 1 };
    const e2: EpochEvent = { epoch: 2, epochs: 2, train_loss: 0.5, test_loss: 0.6 };
    const text = [
      encodeStreamLine({ type: 'epoch', ...e1 }),
      encodeStreamLine({ type: 'epoch', ...e2 }),
      encodeStreamLine({ type: 'result', result: trainResponse() }),
    ].join('');
    // Split mid-line to prove lines are reassembled across chunks.
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      ndjson([text.slice(0, 17), text.slice(17, 60), text.slice(60)]),
    );
    const onEpoch = vi.fn();
    const result = await createHttpMlApi('http://host:1', { fetch }).trainTensorflow(
      { ...request, mode: 'mlp' },
      { onEpoch },
    );
    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({ accept: NDJSON_CONTENT_TYPE });
    expect(onEpoch.mock.calls).toEqual([[e1], [e2]]);
    expect(result).toEqual(trainResponse());
  });

  it('rejects with the error line of a stream', async () => {
    const fetch = async () =>
      ndjson([
        encodeStreamLine({ type: 'epoch', epoch: 1, epochs: 5, train_loss: 1, test_loss: 1 }),
        encodeStreamLine({ type: 'error', error: { code: 'TRAINING_FAILED', message: 'Loss became NaN' } }),
      ]);
    const onEpoch = vi.fn();
    const err = await rejection(
      createHttpMlApi('http://host:1', { fetch }).trainPytorch(request, { onEpoch }),
    );
    expect(err).toMatchObject({ code: 'TRAINING_FAILED', message: 'Loss became NaN' });
    expect(onEpoch).toHaveBeenCalledTimes(1);
  });

  it('rejects a stream that ends without a result', async () => {
    const fetch = async () =>
      ndjson([encodeStreamLine({ type: 'epoch', epoch: 1, epochs: 5, train_loss: 1, test_loss: 1 })]);
    const err = await rejection(
      createHttpMlApi('http://host:1', { fetch }).trainPytorch(request, { onEpoch: () => {} }),
    );
    expect(err).toMatchObject({
      code: 'NETWORK',
      message: 'The Trainyard server closed the stream before the result',
    });
  });

  it('accepts a plain JSON answer even when a stream was asked for', async () => {
    const api = createHttpMlApi('http://host:1', { fetch: async () => json(trainResponse()) });
    expect(await api.trainPytorch(request, { onEpoch: () => {} })).toEqual(trainResponse());
  });

  it('names the client in X-Trainyard-Client on every request: core by default, or the one given', async () => {
    const fetch = vi.fn(async (_url: string, _init?: HttpRequestInit) => json({ datasets: [] }));
    await createHttpMlApi('http://host:1', { fetch }).getDatasetManifest();
    await createHttpMlApi('http://host:1', { fetch, client: 'cli' }).trainPytorch(request);
    expect(fetch.mock.calls.map(([, init]) => init?.headers[CLIENT_HEADER])).toEqual(['core', 'cli']);
    expect(CLIENT_HEADER).toBe('x-trainyard-client');
  });

  it('turns an abort of the client-wide signal into CANCELLED, even while a stream is read', async () => {
    const controller = new AbortController();
    const fetch = async (_url: string, init?: HttpRequestInit) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            init?.signal?.addEventListener('abort', () => c.error(init.signal?.reason));
            controller.abort();
          },
        }),
        { headers: { 'content-type': NDJSON_CONTENT_TYPE } },
      );
    const err = await rejection(
      createHttpMlApi('http://host:1', { fetch, signal: controller.signal }).trainPytorch(request, {
        onEpoch: () => {},
      }),
    );
    expect(err.code).toBe('CANCELLED');
  });

  it('gives up with NETWORK when no answer arrives within timeoutMs', async () => {
    const fetch = (_url: string, init?: HttpRequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    const err = await rejection(
      createHttpMlApi('http://host:1', { fetch, timeoutMs: 20 }).getDatasetManifest(),
    );
    expect(err).toMatchObject({
      code: 'NETWORK',
      message: 'The Trainyard server at http://host:1 did not answer within 0.02 s',
    });
  });
});
