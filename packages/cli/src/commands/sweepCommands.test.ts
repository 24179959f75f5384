import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPytorchTraining } from '@trainyard/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.js';
import { memoryIo } from '../testing/fakeStudioClient.js';

// A spy on the one scheduler: the embedded studio (the server's sweep service in this process) must
// schedule through it, as the server and the browser do (their tests spy on the same export).
vi.mock('@trainyard/core', async (original) =>
  (await import('@trainyard/core/testing')).withSpiedScheduler(
    await original<typeof import('@trainyard/core')>(),
    vi.fn,
  ),
);
const scheduler = vi.mocked(runPytorchTraining);

const home = mkdtempSync(join(tmpdir(), 'trainyard-cli-sweep-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('trainyard sweep (embedded studio)', () => {
  it('schedules the whole sweep through one call of core runPytorchTraining', async () => {
    const { io, stdout } = memoryIo();
    const args = ['sweep', '--framework', 'pytorch', '--dataset', 'iris', '--epochs', '1,2', '--json'];
    expect(await runCli([...args, '--home', home, '--concurrency', '1'], io)).toBe(0);
    expect(scheduler).toHaveBeenCalledTimes(1);
    expect(scheduler.mock.calls[0]![0]).toMatchObject({
      datasetId: 'iris',
      indexes: [0, 1],
      concurrency: 1,
    });
    const rows = JSON.parse(stdout()) as Array<{ result: string; epochs: number }>;
    expect(rows.map((r) => [r.epochs, r.result])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
  });
});
