import type { LabelsPatch, StoredRun } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { fakeStudioClient, memoryIo } from '../testing/fakeStudioClient.js';

/** A fake studio holding one run whose labels `runs rename|tag` change, as PATCH /api/runs/:id does. */
function labelledStudio() {
  let run: StoredRun = storedRun({ id: 'r_1' });
  const patches: Array<{ id: string; patch: LabelsPatch }> = [];
  const connect = async () =>
    fakeStudioClient({
      labelRun: async (id, patch) => {
        patches.push({ id, patch });
        run = { ...run, ...patch };
        return run;
      },
    });
  return { connect, patches, run: () => run };
}

async function cli(connect: () => Promise<ReturnType<typeof fakeStudioClient>>, ...args: string[]) {
  const { io, stdout, stderr } = memoryIo();
  const code = await runCli(args, io, { connect });
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('trainyard runs rename|tag', () => {
  it('names a run, sets and clears its tags and notes through labelRun', async () => {
    const studio = labelledStudio();
    const renamed = await cli(studio.connect, 'runs', 'rename', 'r_1', 'baseline');
    expect(renamed.code).toBe(0);
    expect(renamed.stderr).toContain('Run r_1 is now "baseline"');

    const tagged = await cli(studio.connect, 'runs', 'tag', 'r_1', 'lr,smoke', '--notes', 'first');
    expect(tagged.code).toBe(0);
    expect(tagged.stderr).toContain('Run r_1 tags: lr, smoke; notes: first');
    expect(studio.run()).toMatchObject({ name: 'baseline', tags: ['lr', 'smoke'], notes: 'first' });

    // Only --notes: the tags stay.
    expect((await cli(studio.connect, 'runs', 'tag', 'r_1', '--notes', 'second')).code).toBe(0);
    // No tags: clears them.
    const cleared = await cli(studio.connect, 'runs', 'tag', 'r_1', '--json');
    expect(JSON.parse(cleared.stdout)).toMatchObject({ id: 'r_1', name: 'baseline', notes: 'second' });
    expect(studio.patches.map((p) => p.patch)).toEqual([
      { name: 'baseline' },
      { tags: ['lr', 'smoke'], notes: 'first' },
      { notes: 'second' },
      { tags: [''] },
    ]);
  });

  it('reports a failing label call with its message and a non-zero exit code', async () => {
    const connect = async () =>
      fakeStudioClient({ labelRun: () => Promise.reject(new Error('Run not found: r_x')) });
    const failed = await cli(connect, 'runs', 'rename', 'r_x', 'name');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('Run not found: r_x');
  });
});

describe('trainyard runs list --tag', () => {
  it('passes the tag filter and prints names and tags', async () => {
    let seen: unknown;
    const runs = [
      storedRun({ id: 'r_a', name: 'baseline', tags: ['lr', 'smoke'] }),
      storedRun({ id: 'r_b' }),
    ];
    const connect = async () =>
      fakeStudioClient({
        listRuns: async (filter) => {
          seen = filter;
          return runs;
        },
      });
    const listed = await cli(connect, 'runs', 'list', '--tag', ' smoke ');
    expect(listed.code).toBe(0);
    expect(seen).toEqual({ tag: 'smoke' });
    const lines = listed.stdout.split('\n');
    expect(lines.find((l) => l.includes('result'))).toMatch(/name\s+│\s+tags/);
    const first = lines.find((l) => l.includes('baseline'));
    expect(first).toContain('lr, smoke');

    const bad = await cli(connect, 'runs', 'list', '--tag', ' ');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tag: must not be empty');
  });
});
