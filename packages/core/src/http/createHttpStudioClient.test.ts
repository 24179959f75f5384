import { describe, expect, it, vi } from 'vitest';
import type { SweepEvent } from '../studioTypes.js';
import { storedRun } from '../testFixtures.js';
import { createHttpStudioClient, readSweepEvents, toSweepEvent } from './createHttpStudioClient.js';
import type { HttpRequestInit } from './httpTransport.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const healthy = { status: 'ok', version: '0.1.0', engines: {} };

describe('createHttpStudioClient', () => {
  it('says a server whose health check is not Trainyard’s is not a Trainyard server', async () => {
    const notFound = createHttpStudioClient({
      baseUrl: 'http://host:1',
      fetch: async () => new Response('Not Found', { status: 404, statusText: 'Not Found' }),
    });
    await expect(notFound.health()).rejects.toMatchObject({
      code: 'INTERNAL',
      status: 404,
      message:
        'http://host:1 is not a Trainyard server: GET /api/health answered 404 Not Found without a Trainyard health report',
    });
    const otherJson = createHttpStudioClient({
      baseUrl: 'http://host:1',
      fetch: async () => json({ ok: 1 }),
    });
    await expect(otherJson.health()).rejects.toMatchObject({ code: 'INTERNAL', status: 200 });
  });

  it("keeps a Trainyard server's own error from the health check (a missing token)", async () => {
    const body = {
      error: { code: 'UNAUTHORIZED', message: 'This studio needs a token', field: 'Authorization' },
    };
    const client = createHttpStudioClient({ baseUrl: 'http://host:1', fetch: async () => json(body, 401) });
    await expect(client.health()).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    const ok = createHttpStudioClient({ baseUrl: 'http://host:1', fetch: async () => json(healthy) });
    expect(await ok.health()).toEqual(healthy);
  });

  it('uploads a CSV as text/csv with its name, target and task in the query, naming the client', async () => {
    const fetch = vi.fn(async (_url: string, _init?: HttpRequestInit) =>
      json({ dataset: { id: 'd1' } }, 201),
    );
    const client = createHttpStudioClient({ baseUrl: 'http://host:1/', fetch, token: 't', client: 'web' });
    expect(await client.uploadDataset('a,b\n1,2\n', { name: 'My set', target: 'b' })).toEqual({ id: 'd1' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://host:1/api/datasets?name=My+set&target=b');
    expect(init).toMatchObject({ method: 'POST', body: 'a,b\n1,2\n' });
    expect(init?.headers).toMatchObject({
      'content-type': 'text/csv',
      authorization: 'Bearer t',
      'x-trainyard-client': 'web',
    });
  });

  it('sends the client header on the body-less cancel and resume', async () => {
    const fetch = vi.fn(async (_url: string, _init?: HttpRequestInit) => json({ sweep: { id: 's1' } }));
    const client = createHttpStudioClient({ baseUrl: '', fetch, client: 'cli' });
    await client.cancelSweep('s1');
    await client.resumeSweep('s1');
    expect(
      fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.headers['x-trainyard-client']]),
    ).toEqual([
      ['/api/sweeps/s1/cancel', 'POST', 'cli'],
      ['/api/sweeps/s1/resume', 'POST', 'cli'],
    ]);
  });

  it('re-opens a sweep stream that ended without done while the sweep is still running', async () => {
    const answers = [
      () => new Response(streamOf(['event: progress\ndata: {"done":1,"total":2}\n\n'])),
      () => json({ sweep: { status: 'running' }, runs: [] }),
      () => new Response(streamOf(['event: done\ndata: {"status":"completed"}\n\n'])),
    ];
    const client = createHttpStudioClient({ baseUrl: '', fetch: async () => answers.shift()!() });
    const events: SweepEvent[] = [];
    expect(await client.followSweep('s1', (e) => events.push(e))).toBe('completed');
    expect(events.map((e) => e.type)).toEqual(['progress', 'done']);
  });
});

describe('readSweepEvents', () => {
  it('parses events split across chunks and resolves with the done status', async () => {
    const row = storedRun();
    const text =
      `: stream open\n\nevent: progress\ndata: {"done":0,"total":2}\n\n` +
      `event: row\r\ndata: ${JSON.stringify({ row })}\r\n\r\n` +
      `event: done\ndata: {"status":"completed"}\n\n`;
    const chunks = [text.slice(0, 7), text.slice(7, 50), text.slice(50, 51), text.slice(51)];
    const events: SweepEvent[] = [];
    const status = await readSweepEvents(streamOf(chunks), (e) => events.push(e));
    expect(status).toBe('completed');
    expect(events).toEqual([
      { type: 'progress', done: 0, total: 2 },
      { type: 'row', row },
      { type: 'done', status: 'completed' },
    ]);
  });

  it('resolves undefined when the stream ends without done', async () => {
    const status = await readSweepEvents(
      streamOf(['event: progress\ndata: {"done":1,"total":2}\n\n']),
      () => {},
    );
    expect(status).toBeUndefined();
  });
});

describe('toSweepEvent', () => {
  it('takes the type from the data when the event has no name, and ignores unknown names', () => {
    expect(toSweepEvent(undefined, '{"type":"done","status":"cancelled"}')).toEqual({
      type: 'done',
      status: 'cancelled',
    });
    expect(toSweepEvent('ping', '{}')).toBeUndefined();
  });
});
