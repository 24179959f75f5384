import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from './engineWorker.js';
import { WORKER_EXITED, WORKER_STOPPED } from './engineWorker.js';
import { ProcessWorker } from './processWorker.js';

// Real child processes (plain node scripts), so spawning, pipes and signals are the real thing.
const ECHO = `
process.stdout.write(JSON.stringify({ type: 'ready', info: { pid: process.pid } }) + '\\n');
console.error('echo worker up');
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line);
  if (req.kind === 'exit') process.exit(7);
  process.stdout.write('not json, ignored\\n');
  process.stdout.write(JSON.stringify({ type: 'result', id: req.id, result: req.value * 2 }) + '\\n');
});`;

const STUBBORN = `
process.on('SIGTERM', () => {});
process.stdout.write(JSON.stringify({ type: 'ready' }) + '\\n');
setInterval(() => {}, 1000);`;

function worker(script: string) {
  return new ProcessWorker<{ id: string; kind?: string; value?: number }>({
    command: process.execPath,
    args: ['-e', script],
    name: 'Test worker',
  });
}

function nextMessage(w: ProcessWorker<unknown>): Promise<WorkerMessage> {
  return new Promise((resolve) => {
    const off = w.on((m) => {
      off();
      resolve(m);
    });
  });
}

describe('ProcessWorker', () => {
  it('answers requests as JSON lines once ready and skips lines that are not messages', async () => {
    const w = worker(ECHO);
    await w.start();
    expect(w.alive).toBe(true);
    expect(w.readyInfo).toEqual({ pid: w.pid });
    const reply = nextMessage(w);
    w.send({ id: 'a', value: 21 });
    expect(await reply).toEqual({ type: 'result', id: 'a', result: 42 });
    expect(w.stderrTail).toContain('not json, ignored');
    await w.stop();
    expect(w.alive).toBe(false);
  });

  it('keeps the stderr tail for the log', async () => {
    const w = worker(ECHO);
    await w.start();
    await nextMessageAfter(w, { id: 'x', value: 1 });
    expect(w.stderrTail).toContain('echo worker up');
    await w.stop();
  });

  it('reports an unexpected exit as an error message with a user-safe text', async () => {
    const w = worker(ECHO);
    await w.start();
    const reply = nextMessage(w);
    w.send({ id: 'b', kind: 'exit' });
    expect(await reply).toEqual({
      type: 'error',
      code: WORKER_EXITED,
      message: 'Test worker exited unexpectedly (code 7)',
      detail: `Test worker stderr tail:\n${w.stderrTail}`,
    });
    expect(w.alive).toBe(false);
    expect(() => w.send({ id: 'c', value: 1 })).toThrow(/not running/);
  });

  it('names a kill -9 as exit code 137', async () => {
    const w = worker(ECHO);
    await w.start();
    const reply = nextMessage(w);
    process.kill(w.pid!, 'SIGKILL');
    expect(await reply).toMatchObject({ message: 'Test worker exited unexpectedly (code 137)' });
  });

  it('escalates from SIGTERM to SIGKILL when the process ignores SIGTERM', async () => {
    const w = worker(STUBBORN);
    await w.start();
    const pid = w.pid!;
    const messages: WorkerMessage[] = [];
    w.on((m) => messages.push(m));
    await w.stop({ killAfterMs: 200 });
    expect(w.alive).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
    // Being stopped on purpose is not a crash, but whoever still waits on a request hears of it.
    expect(messages).toEqual([{ type: 'error', code: WORKER_STOPPED, message: 'Test worker was stopped' }]);
  });

  it('rejects start when the command does not exist, without a shell', async () => {
    const w = new ProcessWorker({ command: '/nonexistent/python3', name: 'Test worker' });
    await expect(w.start()).rejects.toThrow(/Test worker could not start: .*ENOENT/);
    expect(w.alive).toBe(false);
    await w.stop();
  });

  it('rejects start when the process exits before it is ready', async () => {
    const w = new ProcessWorker({
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      name: 'Test worker',
    });
    await expect(w.start()).rejects.toThrow('Test worker exited before it was ready (code 3)');
  });

  it('rejects start with the error the process reported instead of ready', async () => {
    const script = `process.stdout.write(JSON.stringify({ type: 'error', code: 'ENGINE_UNAVAILABLE', message: 'no torch' }) + '\\n')`;
    const w = new ProcessWorker({ command: process.execPath, args: ['-e', script], name: 'Test worker' });
    await expect(w.start()).rejects.toMatchObject({ message: 'no torch', code: 'ENGINE_UNAVAILABLE' });
  });
});

async function nextMessageAfter(
  w: ProcessWorker<{ id: string; value?: number }>,
  req: { id: string; value: number },
) {
  const reply = nextMessage(w);
  w.send(req);
  return reply;
}
