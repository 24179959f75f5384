// The built `trainyard` binary against a real server it started itself (`trainyard serve`): token
// auth, a TensorFlow sweep followed over SSE, re-attach, and Ctrl-C detaching without cancelling.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI_BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));
const TOKEN = 'e2e-token-0123456789abcdef';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let home: string;
let server: ChildProcess;
let url: string;

function start(args: string[]): { child: ChildProcess; result: Promise<CliResult>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', TRAINYARD_TOKEN: '', TRAINYARD_HOME: join(home, 'unused') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result, stderr: () => stderr };
}

const trainyard = (...args: string[]) => start(args).result;
const remote = ['--server', '', '--token', TOKEN];

/** Resolves once `read()` matches, polling what `child` has written so far; fails if it exits first. */
async function waitFor(child: ChildProcess, read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}) before printing ${pattern}:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-cli-server-e2e-'));
  let out = '';
  server = spawn(process.execPath, [CLI_BIN, 'serve', '--port', '0', '--home', home, '--token', TOKEN], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  url = (await waitFor(server, () => out, /Trainyard studio: (http:\/\/\S+)/))[1]!;
  remote[1] = url;
});

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.on('close', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(home, { recursive: true, force: true });
});

describe('trainyard --server (built binary against trainyard serve)', () => {
  it('needs the token: without it exit 2 and the server says why', async () => {
    const res = await trainyard('datasets', 'list', '--server', url);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/error: .*token/i);
    const ok = await trainyard('datasets', 'list', ...remote, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).map((d: { id: string }) => d.id)).toContain('iris');
  });

  let sweepId = '';

  it('runs a TensorFlow linear-baseline sweep on the server and re-attaches to it', async () => {
    const res = await trainyard(
      ...['sweep', ...remote, '--framework', 'tensorflow', '--linear', '--dataset', 'iris'],
      ...['--epochs', '2,4', '--json'],
    );
    expect(res.stderr).not.toContain('error:');
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.stdout) as Array<{
      sweepId: string;
      mode: string;
      metric_score: number;
      result: string;
    }>;
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ result: 'completed', mode: 'linear', metric_score: expect.any(Number) });
    sweepId = rows[0]!.sweepId;

    const attached = await trainyard('sweep', 'attach', sweepId, ...remote);
    expect(attached.code).toBe(0);
    expect(attached.stdout).toContain('★ best:');
  });

  it("distils on the server, taking the framework from the teacher's metadata", async () => {
    const runs = JSON.parse(
      (await trainyard('runs', 'list', ...remote, '--sweep', sweepId, '--json')).stdout,
    ) as Array<{
      modelId: string;
    }>;
    const res = await trainyard(
      'distill',
      ...remote,
      '--teacher',
      runs[0]!.modelId,
      '--hidden-dims',
      '8',
      '--epochs',
      '3',
      '--json',
    );
    expect(res.stderr).not.toContain('error:');
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ status: 'ok', distilledRun: { framework: 'tensorflow' } });
    expect(result.metrics).toMatchObject({ alpha: 0.7, temperature: 4, student_score: expect.any(Number) });
  });

  it('detaches on Ctrl-C without cancelling the sweep, then cancels it on request', async () => {
    const run = start([
      ...['sweep', ...remote, '--framework', 'pytorch', '--dataset', 'digits', '--epochs', '400'],
      ...['--hidden-dims', '256', '--hidden-layers', '3'],
    ]);
    const id = (await waitFor(run.child, run.stderr, /Sweep (\S+): 1 combination/))[1]!;
    run.child.kill('SIGINT');
    const res = await run.result;
    expect(res.code).toBe(130);
    expect(res.stderr).toContain(`trainyard sweep attach ${id} --server ${url}`);

    const status = await fetch(`${url}/api/sweeps/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(['queued', 'running']).toContain(
      ((await status.json()) as { sweep: { status: string } }).sweep.status,
    );

    const cancelled = await trainyard('sweep', 'cancel', id, ...remote, '--json');
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ id, status: 'cancelled' });
  });
});
