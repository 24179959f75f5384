import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { memoryIo } from '../testing/fakeStudioClient.js';

const home = mkdtempSync(join(tmpdir(), 'trainyard-cli-sweeps-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const { io, stdout, stderr } = memoryIo();
  const code = await runCli([...args, '--home', home, '--concurrency', '1'], io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('trainyard sweep list|show|rename|tag|extend|rerun|rm (embedded studio)', () => {
  it('manages a sweep as an object and extends it with only the new combinations', async () => {
    const base = [
      '--framework',
      'pytorch',
      '--dataset',
      'iris',
      '--hidden-dims',
      '8',
      '--hidden-layers',
      '1',
    ];
    expect((await cli('sweep', ...base, '--epochs', '1', '--json')).code).toBe(0);
    const [sweep] = JSON.parse((await cli('sweep', 'list', '--json')).stdout) as Array<{
      id: string;
      total: number;
    }>;
    expect(sweep).toMatchObject({ total: 1 });
    const id = sweep!.id;

    expect((await cli('sweep', 'rename', id, 'tiny')).stderr).toContain('is now "tiny"');
    expect((await cli('sweep', 'tag', id, 'lr,smoke', '--notes', 'first')).code).toBe(0);
    expect(JSON.parse((await cli('sweep', 'list', '--tag', 'smoke', '--json')).stdout)).toHaveLength(1);
    expect(JSON.parse((await cli('sweep', 'list', '--tag', 'other', '--json')).stdout)).toHaveLength(0);
    expect((await cli('sweep', 'list')).stdout).toContain('tiny');

    const extended = await cli('sweep', 'extend', id, '--epochs', '1,2', '--json');
    expect(extended.code).toBe(0);
    expect(extended.stderr).toContain('1 new combinations (of 2)');
    const shown = JSON.parse((await cli('sweep', 'show', id, '--json')).stdout);
    expect(shown.sweep).toMatchObject({
      name: 'tiny',
      tags: ['lr', 'smoke'],
      notes: 'first',
      total: 2,
      done: 2,
    });
    // Only the new combination trained: one run per combination, none repeated.
    expect(shown.runs.map((r: { epochs: number }) => r.epochs)).toEqual([1, 2]);

    const bad = await cli('sweep', 'list', '--status', 'done');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Status must be running, completed, cancelled, interrupted or failed');

    const removed = await cli('sweep', 'rm', id, '--models');
    expect(removed.stderr).toContain(`Deleted sweep ${id}: 2 runs, 2 models`);
    expect(JSON.parse((await cli('sweep', 'list', '--json')).stdout)).toHaveLength(0);
  }, 120_000);
});
