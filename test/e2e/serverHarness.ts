// Starts the REAL built studio (`node packages/server/dist/main.js`) as a subprocess and speaks to
// it over HTTP, for the server's end-to-end tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoredRun, SweepRecord } from '@trainyard/core';

export const SERVER_MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout + stderr). */
  output(): string;
  /** Sends a signal and resolves with the exit code/signal once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the server on an ephemeral port and resolves once it printed its URL. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Trainyard studio: (http:\/\/\S+)/.exec(output);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          stop(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code }) =>
      reject(new Error(`server exited (${code}) before printing its URL:\n${output}`)),
    );
  });
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Reads an SSE stream, calling `onEvent` per event; resolves with every event once the server ends
 * the stream (or `onEvent` returns 'stop').
 */
export async function readSse(
  url: string,
  onEvent: (e: SseEvent) => 'stop' | undefined = () => undefined,
  headers: Record<string, string> = {},
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = block.find((l) => l.startsWith('event: '))?.slice(7);
        const data = block.find((l) => l.startsWith('data: '))?.slice(6);
        if (!event || data === undefined) continue;
        const parsed = { event, data: JSON.parse(data) as Record<string, unknown> };
        events.push(parsed);
        if (onEvent(parsed) === 'stop') {
          controller.abort();
          return events;
        }
      }
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  }
  return events;
}

/** JSON over HTTP with the status, for assertions on both. */
export async function call<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  // The header every studio client sends: a body-less write without it is refused (cross-site guard).
  const headers = { 'x-trainyard-client': 'e2e' };
  const res = await fetch(url, {
    method,
    ...(body === undefined
      ? { headers }
      : { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Progress of a sweep whose every combination completed: no other count. */
export const noOtherCounts = { failed: 0, cancelled: 0, interrupted: 0, stopped: 0 };

/** A small PyTorch iris grid of 4 combinations, as POST /api/sweeps takes it. */
export const sweep = (over: Record<string, unknown> = {}) => ({
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues: '5',
  batchSizes: '16, 32',
  learningRates: '0.01, 0.05',
  testSizes: '0.2',
  hiddenDims: '16',
  numHiddenLayers: '1',
  dropouts: '0',
  ...over,
});

/**
 * Slow enough (~0.5 s a run) that a test can act while a combination is in flight; one model at a
 * time (`fused: false`), so one combination is in flight, not a fused group of all four. Pass
 * `fused: true` for the four learning rates as one fused group in flight.
 */
export const slowSweep = (over: Record<string, unknown> = {}) =>
  sweep({
    epochValues: '150',
    batchSizes: '8',
    learningRates: '0.01, 0.02, 0.03, 0.04',
    concurrency: 1,
    fused: false,
    ...over,
  });

/** GET /api/sweeps/:id */
export type SweepView = { sweep: SweepRecord; runs: Array<StoredRun & { combinationIndex: number }> };
