import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.js';
import { fakeStudioClient, irisOption, memoryIo } from '../testing/fakeStudioClient.js';

describe('trainyard datasets', () => {
  it('uploads the file with target, name (default: file name) and task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ty-cli-'));
    const file = join(dir, 'plants.csv');
    writeFileSync(file, 'a,b,kind\n1,2,x\n');
    const uploadDataset = vi.fn(async () => ({ ...irisOption, id: 'u_plants', builtIn: false }));
    const { io, stdout, stderr } = memoryIo();
    const code = await runCli(['datasets', 'add', file, '--target', 'kind', '--task', 'classification'], io, {
      connect: async () => fakeStudioClient({ uploadDataset }),
    });
    expect(code).toBe(0);
    expect(uploadDataset).toHaveBeenCalledWith(new Uint8Array(Buffer.from('a,b,kind\n1,2,x\n')), {
      target: 'kind',
      name: 'plants',
      task: 'classification',
    });
    expect(stderr()).toContain('Added dataset u_plants');
    expect(stdout()).toContain('target:   species');
  });

  it("exits 2 with the studio's message for a malformed file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ty-cli-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a,b\n1\n');
    const error = new MlApiError('VALIDATION', 'Line 2 has 1 value, expected 2 (as many as the header)');
    const { io, stderr } = memoryIo();
    const code = await runCli(['datasets', 'add', file, '--target', 'b'], io, {
      connect: async () => fakeStudioClient({ uploadDataset: () => Promise.reject(error) }),
    });
    expect(code).toBe(2);
    expect(stderr()).toContain('Line 2 has 1 value,');
  });

  it('exits 2 for a missing file or a bad --task, without opening the studio', async () => {
    const connect = vi.fn();
    const missing = memoryIo();
    expect(
      await runCli(['datasets', 'add', '/nonexistent/x.csv', '--target', 'y'], missing.io, { connect }),
    ).toBe(2);
    expect(missing.stderr()).toContain('Cannot read /nonexistent/x.csv: no such file');
    const task = memoryIo();
    expect(
      await runCli(['datasets', 'add', 'x.csv', '--target', 'y', '--task', 'clustering'], task.io, {
        connect,
      }),
    ).toBe(2);
    expect(task.stderr()).toContain('--task: Task must be classification or regression: clustering');
    expect(connect).not.toHaveBeenCalled();
  });

  it('shows a manifest entry and the first rows', async () => {
    const getDatasetRows = vi.fn(async () => ({
      datasetId: 'iris',
      columns: ['sepal_length', 'species'],
      rows: [[5.1, 'setosa']],
      total: 150,
      offset: 0,
    }));
    const { io, stdout } = memoryIo();
    const code = await runCli(['datasets', 'show', 'iris', '--rows', '1'], io, {
      connect: async () => fakeStudioClient({ getDataset: async () => irisOption, getDatasetRows }),
    });
    expect(code).toBe(0);
    expect(getDatasetRows).toHaveBeenCalledWith('iris', { offset: 0, limit: 1 });
    expect(stdout()).toContain('setosa');
    expect(stdout()).toContain('rows 1-1 of 150');
  });

  it('exits 2 on --rows past the page limit', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['datasets', 'show', 'iris', '--rows', '5000'], io, { connect: vi.fn() })).toBe(2);
    expect(stderr()).toContain('--rows');
  });
});

describe('trainyard datasets rm and rename', () => {
  const mine = { ...irisOption, id: 'mine-abc123', name: 'Mine', builtIn: false };

  it('deletes an unused dataset, asks for --force when runs used it, and refuses a built-in', async () => {
    const deleteDataset = vi.fn(async () => {});
    const used = { listRuns: async () => [{ id: 'r1' }] as never[] };
    const client = (extra = {}) =>
      fakeStudioClient({
        getDataset: async (id) => (id === 'iris' ? irisOption : mine),
        listRuns: async () => [],
        deleteDataset,
        ...extra,
      });
    const ok = memoryIo();
    expect(await runCli(['datasets', 'rm', 'mine-abc123'], ok.io, { connect: async () => client() })).toBe(0);
    expect(deleteDataset).toHaveBeenLastCalledWith('mine-abc123', { force: false });
    expect(ok.stderr()).toContain('Deleted dataset mine-abc123');
    const asked = memoryIo();
    expect(
      await runCli(['datasets', 'rm', 'mine-abc123'], asked.io, { connect: async () => client(used) }),
    ).toBe(2);
    expect(asked.stderr()).toContain('Dataset mine-abc123 is used by 1 run; add --force to delete it');
    expect(
      await runCli(['datasets', 'rm', 'mine-abc123', '--force'], memoryIo().io, {
        connect: async () => client(used),
      }),
    ).toBe(0);
    expect(deleteDataset).toHaveBeenLastCalledWith('mine-abc123', { force: true });
    const builtIn = memoryIo();
    expect(await runCli(['datasets', 'rm', 'iris'], builtIn.io, { connect: async () => client() })).toBe(2);
    expect(builtIn.stderr()).toContain('Dataset iris is built in and cannot be deleted');
    expect(deleteDataset).toHaveBeenCalledTimes(2);
  });

  it('renames a dataset', async () => {
    const renameDataset = vi.fn(async (_id: string, name: string) => ({ ...mine, name }));
    const { io, stderr } = memoryIo();
    expect(
      await runCli(['datasets', 'rename', 'mine-abc123', 'Q3 sales'], io, {
        connect: async () => fakeStudioClient({ renameDataset }),
      }),
    ).toBe(0);
    expect(renameDataset).toHaveBeenCalledWith('mine-abc123', 'Q3 sales');
    expect(stderr()).toContain('Renamed dataset mine-abc123 to "Q3 sales"');
  });
});

it('shows a dataset with --rows 0 without asking for rows (the route takes a limit of 1 or more)', async () => {
  const getDatasetRows = vi.fn(async () => {
    throw new MlApiError('VALIDATION', 'Limit out of range (1-1000): 0');
  });
  const { io, stdout } = memoryIo();
  const connect = async () => fakeStudioClient({ getDataset: async () => irisOption, getDatasetRows });
  expect(await runCli(['datasets', 'show', 'iris', '--rows', '0', '--json'], io, { connect })).toBe(0);
  expect(JSON.parse(stdout())).toEqual({ dataset: irisOption });
  expect(getDatasetRows).not.toHaveBeenCalled();
});
