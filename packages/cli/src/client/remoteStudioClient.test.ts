import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlApiError, type SweepEvent } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteStudioClient } from './remoteStudioClient.js';

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

describe('createRemoteStudioClient', () => {
  it("turns the server's error body into an MlApiError with code, field and status", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'VALIDATION', message: 'Epoch out of range (1-500): 0', field: 'epochValues' },
        }),
      );
    });
    const error = await createRemoteStudioClient({ baseUrl: url })
      .createSweep({} as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlApiError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      field: 'epochValues',
      status: 400,
      message: 'Epoch out of range (1-500): 0',
    });
  });

  it('sends the bearer token and the query of a filtered run list', async () => {
    let seen: IncomingMessage | undefined;
    const url = await serve((req, res) => {
      seen = req;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"runs":[]}');
    });
    await createRemoteStudioClient({ baseUrl: url, token: 's3cret' }).listRuns({
      framework: 'pytorch',
      sweepId: 'swp-1',
    });
    expect(seen?.headers.authorization).toBe('Bearer s3cret');
    expect(seen?.url).toBe('/api/runs?framework=pytorch&sweepId=swp-1');
  });

  it('says which server it cannot reach', async () => {
    const url = await serve(() => {});
    const closed = server!;
    server = undefined;
    await new Promise((resolve) => closed.close(resolve));
    const error = await createRemoteStudioClient({ baseUrl: url })
      .listModels()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK', message: expect.stringContaining(url) });
  });

  it('follows a sweep over SSE to its done event', async () => {
    const url = await serve((req, res) => {
      expect(req.headers.accept).toBe('text/event-stream');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: progress\ndata: {"done":1,"total":1}\n\n');
      res.end('event: done\ndata: {"status":"completed"}\n\n');
    });
    const events: SweepEvent[] = [];
    const status = await createRemoteStudioClient({ baseUrl: url }).followSweep('swp-1', (e) =>
      events.push(e),
    );
    expect(status).toBe('completed');
    expect(events.map((e) => e.type)).toEqual(['progress', 'done']);
  });

  it('detaches when the signal aborts mid-stream, leaving the sweep alone', async () => {
    const requests: string[] = [];
    const url = await serve((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: progress\ndata: {"done":0,"total":3}\n\n');
    });
    const controller = new AbortController();
    const status = await createRemoteStudioClient({ baseUrl: url }).followSweep(
      'swp-1',
      () => controller.abort(),
      controller.signal,
    );
    expect(status).toBe('detached');
    expect(requests).toEqual(['GET /api/sweeps/swp-1/events']);
  });
});
