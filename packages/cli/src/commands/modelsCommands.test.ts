import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
