import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { memoryIo } from '../testing/fakeStudioClient.js';

let server: Server | undefined;
const sockets = new Set<Socket>();

/** A real socket that accepts connections and never answers a byte. */
async function silentServer(): Promise<string> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  const running = server;
  server = undefined;
  if (running) await new Promise((resolve) => running.close(resolve));
});

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

describe('connecting to --server', () => {
  it('gives up on a server that accepts but never answers after --timeout seconds, exit 1', async () => {
    const url = await silentServer();
    const { io, stderr } = memoryIo();
    const { value, ms } = await timed(runCli(['runs', 'list', '--server', url, '--timeout', '0.3'], io));
    expect(value).toBe(1);
    expect(stderr()).toContain(`The Trainyard server at ${url} did not answer within 0.3 s`);
    expect(ms).toBeLessThan(5_000);
  });

  it('aborts at once on Ctrl-C while waiting for an answer, exit 130', async () => {
    const url = await silentServer();
    const controller = new AbortController();
    const { io, stderr } = memoryIo({ signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const { value, ms } = await timed(runCli(['runs', 'list', '--server', url], io));
    expect(value).toBe(130);
    expect(ms).toBeLessThan(3_000);
    expect(stderr()).toBe('');
  });

  it('says a server that answers 404 to the health check is not a Trainyard server, exit 1', async () => {
    const http = createHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    server = http;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const { io, stderr } = memoryIo();
    expect(await runCli(['runs', 'list', '--server', url], io)).toBe(1);
    expect(stderr()).toContain(`${url} is not a Trainyard server: GET /api/health answered 404 Not Found`);
    expect(stderr()).not.toContain('The Trainyard server answered 404');
  });

  it('refuses a --timeout that is not a positive number of seconds, exit 2', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['runs', 'list', '--server', 'http://127.0.0.1:9', '--timeout', '0'], io)).toBe(2);
    expect(stderr()).toContain('--timeout: Timeout must be a positive number of seconds: 0');
  });
});
