import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelSummary } from '@trainyard/core';
import { modelSummary, storedRun } from '@trainyard/core/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { fakeStudioClient, memoryIo } from '../testing/fakeStudioClient.js';
import { zipOf } from '../testing/zipOf.js';

/** A zip like GET /api/models/:id/download answers. */
const modelZip = () =>
  zipOf({ 'model.json': '{"format":"layers-model"}', 'metadata.json': '{"datasetId":"iris"}' });

describe('trainyard models export', () => {
  it('writes the model files and metadata.json into the directory and lists them', async () => {
    const zip = await modelZip();
    const dir = join(mkdtempSync(join(tmpdir(), 'ty-cli-')), 'out');
    const { io, stdout } = memoryIo();
    const code = await runCli(['models', 'export', 'mdl-1', dir], io, {
      connect: async () => fakeStudioClient({ downloadModel: async () => zip }),
    });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'metadata.json'), 'utf8')).toBe('{"datasetId":"iris"}');
    expect(existsSync(join(dir, 'model.json'))).toBe(true);
    expect(stdout().split('\n')).toEqual(['model.json', 'metadata.json', '']);
  });

  it('refuses to overwrite files already there, with exit code 2', async () => {
    const zip = await modelZip();
    const dir = mkdtempSync(join(tmpdir(), 'ty-cli-'));
    const connect = async () => fakeStudioClient({ downloadModel: async () => zip });
    expect(await runCli(['models', 'export', 'mdl-1', dir], memoryIo().io, { connect })).toBe(0);
    const again = memoryIo();
    expect(await runCli(['models', 'export', 'mdl-1', dir], again.io, { connect })).toBe(2);
    expect(again.stderr()).toContain('already holds');
  });
});

describe('trainyard runs list', () => {
  it('passes the filters and exits 2 on an unknown framework', async () => {
    let seen: unknown;
    const connect = async () =>
      fakeStudioClient({
        listRuns: async (filter) => {
          seen = filter;
          return [];
        },
      });
    const { io, stdout } = memoryIo();
    expect(
      await runCli(['runs', 'list', '--framework', 'tensorflow', '--dataset', 'wine', '--json'], io, {
        connect,
      }),
    ).toBe(0);
    expect(seen).toEqual({ framework: 'tensorflow', datasetId: 'wine' });
    expect(JSON.parse(stdout())).toEqual([]);
    const bad = memoryIo();
    expect(await runCli(['runs', 'list', '--framework', 'jax'], bad.io, { connect })).toBe(2);
    expect(bad.stderr()).toContain('--framework: Framework must be pytorch or tensorflow: jax');
  });
});

describe('trainyard runs list with lineage and filters', () => {
  const runs = [
    storedRun({
      id: 'r_a',
      sweepId: 'sw_abcdefgh123',
      combinationIndex: 2,
      durationMs: 1500,
      metric_score: 0.95,
    }),
    storedRun({ id: 'r_b', learningRate: 0.1, metric_score: 0.85 }),
    storedRun({ id: 'r_c', kind: 'distill', metric_score: 0.9 }),
  ];
  const connect = async () => fakeStudioClient({ listRuns: async () => runs });

  it("shows each run's sweep, run number, kind and duration", async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['runs', 'list'], io, { connect })).toBe(0);
    const text = stdout();
    expect(text).toMatch(/sweep\W+run\W+kind\W+created\W+duration/);
    expect(text).toMatch(/sw_abcde\W+#3\W+sweep run\W+2026-01-01 00:00:00\W+1\.5 s/);
    expect(text).toContain('single run');
    expect(text).toContain('distilled student');
  });

  it('filters by score range and hyperparameter, and refuses a bad --param', async () => {
    const { io, stdout } = memoryIo();
    expect(
      await runCli(['runs', 'list', '--min-score', '0.86', '--param', 'learningRate=0.01', '--json'], io, {
        connect,
      }),
    ).toBe(0);
    expect(JSON.parse(stdout()).map((r: { id: string }) => r.id)).toEqual(['r_a', 'r_c']);
    const bad = memoryIo();
    expect(await runCli(['runs', 'list', '--param', 'lr=1'], bad.io, { connect })).toBe(2);
    expect(bad.stderr()).toContain('--param: name=value with a name among epochs, batchSize, learningRate');
  });
});

describe('trainyard models list', () => {
  it('says which run each model came from, or that its run was deleted', async () => {
    const base = modelSummary();
    const models: ModelSummary[] = [
      {
        ...base,
        modelId: 'm_1',
        runId: 'r_1',
        run: {
          id: 'r_1',
          kind: 'train',
          sweepId: 'sw_12345678',
          combinationIndex: 0,
          createdAt: base.createdAt,
        },
      },
      { ...base, modelId: 'm_2', runId: 'r_gone1234' },
    ];
    const { io, stdout } = memoryIo();
    expect(
      await runCli(['models', 'list'], io, {
        connect: async () => fakeStudioClient({ listModels: async () => models }),
      }),
    ).toBe(0);
    expect(stdout()).toContain('sweep sw_12345 run #1');
    expect(stdout()).toContain('run r_gone12 (deleted)');
  });
});
