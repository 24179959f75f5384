import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_EXITED, WORKER_STOPPED, type WorkerMessage } from './engineWorker.js';
import { ThreadWorker } from './threadWorker.js';

// Small real worker entries, written as plain .mjs files so the thread can load them.
const ECHO = `
import { parentPort, workerData } from 'node:worker_threads';
parentPort.on('message', (req) => {
  if (req.crash) setImmediate(() => { throw new Error('boom in worker'); });
  else if (req.exit) process.exit(req.exit);
  else if (req.spin) for (;;) {}
  else parentPort.postMessage({ type: 'result', id: req.id, result: { sum: new Float32Array(req.values).reduce((a, b) => a + b, 0), tag: workerData.tag } });
});
parentPort.postMessage({ type: 'ready', info: { tag: workerData.tag } });
`;
const BROKEN = `throw new Error('cannot load this entry');`;

interface Req {
  id: string;
  values?: ArrayBuffer;
  crash?: boolean;
  exit?: number;
  spin?: boolean;
}

let dir: string;
let echoUrl: URL;
let brokenUrl: URL;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thread-worker-'));
  await writeFile(join(dir, 'echo.mjs'), ECHO);
  await writeFile(join(dir, 'broken.mjs'), BROKEN);
  echoUrl = pathToFileURL(join(dir, 'echo.mjs'));
  brokenUrl = pathToFileURL(join(dir, 'broken.mjs'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const echoWorker = () =>
  new ThreadWorker<Req>({
    url: echoUrl,
    name: 'Echo worker',
    workerData: { tag: 'warm' },
    transfer: (req) => (req.values ? [req.values] : []),
  });

const nextMessage = (w: ThreadWorker<Req>) =>
  new Promise<WorkerMessage>((resolve) => {
    const off = w.on((m) => {
      off();
      resolve(m);
    });
  });

describe('ThreadWorker', () => {
  it('starts once the entry reports ready and answers requests, moving transferred buffers', async () => {
    const w = echoWorker();
    await w.start();
    expect(w.alive).toBe(true);
    expect(w.readyInfo).toEqual({ tag: 'warm' });
    const values = new Float32Array([1, 2, 3.5]).buffer;
    const answer = nextMessage(w);
    w.send({ id: 'a', values });
    expect(values.byteLength).toBe(0); // transferred, not copied
    expect(await answer).toEqual({ type: 'result', id: 'a', result: { sum: 6.5, tag: 'warm' } });
    await w.stop();
    expect(w.alive).toBe(false);
  });

  it('reports an uncaught exception in the thread as an error without id, then can start again', async () => {
    const w = echoWorker();
    await w.start();
    const crash = nextMessage(w);
    w.send({ id: 'b', crash: true });
    const message = await crash;
    expect(message).toMatchObject({
      type: 'error',
      code: WORKER_EXITED,
      message: 'Echo worker stopped unexpectedly (exit code 1)',
    });
    expect(message.type === 'error' && message.id).toBeUndefined();
    expect(w.alive).toBe(false);
    expect(w.lastError).toContain('boom in worker');
    await w.start();
    const answer = nextMessage(w);
    w.send({ id: 'c', values: new Float32Array([2]).buffer });
    expect(await answer).toMatchObject({ type: 'result', id: 'c' });
    await w.stop();
  });

  it('reports a thread that exits by itself with its exit code', async () => {
    const w = echoWorker();
    await w.start();
    const exit = nextMessage(w);
    w.send({ id: 'd', exit: 3 });
    expect(await exit).toMatchObject({
      type: 'error',
      code: WORKER_EXITED,
      message: 'Echo worker stopped unexpectedly (exit code 3)',
    });
  });

  it('stops a thread stuck in a busy loop, reporting only the stop (as the process worker does)', async () => {
    const w = echoWorker();
    await w.start();
    const seen: WorkerMessage[] = [];
    w.on((m) => seen.push(m));
    w.send({ id: 'e', spin: true });
    await w.stop({ killAfterMs: 5_000 });
    expect(w.alive).toBe(false);
    expect(seen).toEqual([{ type: 'error', code: WORKER_STOPPED, message: 'Echo worker was stopped' }]);
  });

  it('rejects start() with the load error when the entry cannot load', async () => {
    const w = new ThreadWorker<Req>({ url: brokenUrl, name: 'Broken worker' });
    await expect(w.start()).rejects.toThrow(
      /Broken worker exited before it was ready \(Error: cannot load this entry\)/,
    );
    expect(w.alive).toBe(false);
  });

  it('refuses send() before start()', () => {
    expect(() => echoWorker().send({ id: 'f' })).toThrow('Echo worker is not running; call start() first');
  });
});
