// The built `trainyard` binary as a real subprocess over a temporary embedded studio: real SQLite
// store, real PyTorch engine, real CSV import. Kept small: 2 combinations × a few epochs on iris.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, parseJson, runTrainyard } from './cliProcess.js';

let home: string;

/** `trainyard ...args` over this suite's home. */
const trainyard = (...args: string[]): Promise<CliResult> => runTrainyard(home, args);

interface JsonRun {
  id: string;
  result: string;
  metric_name: string;
  metric_score: number | string;
  test_loss: number | string;
  modelId?: string;
  sweepId?: string;
  epochs: number;
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-cli-e2e-'));
});

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('trainyard (built binary, embedded studio)', () => {
  it('rejects --epochs 0,10 with the AC-005 message on stderr and exit code 2', async () => {
    const res = await trainyard('sweep', '--framework', 'pytorch', '--dataset', 'iris', '--epochs', '0,10');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Epoch out of range (1-500): 0');
    expect(res.stdout).toBe('');
  });

  let best: JsonRun | undefined;

  it('runs a real 2-combination PyTorch sweep on iris and prints its rows as JSON', async () => {
    const res = await trainyard(
      ...['sweep', '--framework', 'pytorch', '--dataset', 'iris', '--epochs', '3,6', '--hidden-dims', '16'],
      ...['--concurrency', '2', '--json'],
    );
    const rows = parseJson<JsonRun[]>(res);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.epochs)).toEqual([3, 6]);
    for (const row of rows) {
      expect(row).toMatchObject({ result: 'completed', metric_name: 'accuracy' });
      expect(row.metric_score).toBeGreaterThan(0);
      expect(row.metric_score).toBeLessThanOrEqual(1);
      expect(typeof row.test_loss).toBe('number');
      expect(row.modelId).toEqual(expect.any(String));
    }
    // Non-TTY progress goes to stderr, one line per finished row, so stdout stays pure JSON.
    expect(res.stderr).toMatch(/\[2\/2\] completed/);
    best = [...rows].sort((a, b) => Number(b.metric_score) - Number(a.metric_score))[0];

    // The rows were stored in the embedded store: a new process lists them.
    const listed = parseJson<JsonRun[]>(
      await trainyard('runs', 'list', '--sweep', rows[0]!.sweepId!, '--json'),
    );
    expect(listed.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("distils the sweep's best model and prints teacher vs student", async () => {
    expect(best?.modelId).toBeDefined();
    const res = await trainyard(
      ...['distill', '--teacher', best!.modelId!, '--hidden-dims', '8', '--hidden-layers', '1'],
      ...['--temperature', '4', '--alpha', '0.7', '--epochs', '5'],
    );
    expect(res.stderr).not.toContain('error:');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/accuracy\s*│\s*\d\.\d{4}\s*│\s*\d\.\d{4}/);
    expect(res.stdout).toMatch(/compression ratio: \d+\.\d× fewer parameters/);
    expect(res.stdout).toContain("alpha is the weight on the teacher's soft targets");
    const student = /into student (\S+)/.exec(res.stdout)?.[1];
    expect(student).toBeDefined();

    const models = parseJson<Array<{ modelId: string; kind: string; teacherModelId?: string }>>(
      await trainyard('models', 'list', '--json'),
    );
    expect(models.find((m) => m.modelId === student)).toMatchObject({
      kind: 'distilled',
      teacherModelId: best!.modelId,
    });

    const dir = join(home, 'export');
    const exported = await trainyard('models', 'export', student!, dir);
    expect(exported.code).toBe(0);
    expect(existsSync(join(dir, 'metadata.json'))).toBe(true);

    expect((await trainyard('models', 'rm', student!)).code).toBe(0);
    const left = parseJson<Array<{ modelId: string }>>(await trainyard('models', 'list', '--json'));
    expect(left.map((m) => m.modelId)).not.toContain(student);
    expect(left.map((m) => m.modelId)).toContain(best!.modelId);
  });

  it('imports a good CSV and lists it', async () => {
    const file = join(home, 'flowers.csv');
    const lines = ['width,height,kind'];
    for (let i = 0; i < 30; i++) lines.push(`${(i % 10) + 1},${i % 3},${i % 2 === 0 ? 'a' : 'b'}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const added = parseJson<{ id: string; rows: number; task: string; targetColumn: string }>(
      await trainyard('datasets', 'add', file, '--target', 'kind', '--json'),
    );
    expect(added).toMatchObject({ rows: 30, task: 'classification', targetColumn: 'kind' });
    const list = parseJson<Array<{ id: string }>>(await trainyard('datasets', 'list', '--json'));
    expect(list.map((d) => d.id)).toContain(added.id);

    // Renamed (same id), then deleted; a built-in cannot be.
    const renamed = await trainyard('datasets', 'rename', added.id, 'Flowers 2026');
    expect(renamed.code).toBe(0);
    const shown = parseJson<{ dataset: { name: string } }>(
      await trainyard('datasets', 'show', added.id, '--rows', '0', '--json'),
    );
    expect(shown.dataset.name).toBe('Flowers 2026');
    expect((await trainyard('datasets', 'rm', 'iris')).code).toBe(2);
    expect((await trainyard('datasets', 'rm', added.id)).code).toBe(0);
    const left = parseJson<Array<{ id: string }>>(await trainyard('datasets', 'list', '--json'));
    expect(left.map((d) => d.id)).not.toContain(added.id);
  });

  it('refuses a CSV with a ragged row, naming the line, with exit code 2 and nothing added', async () => {
    const before = parseJson<Array<{ id: string }>>(await trainyard('datasets', 'list', '--json'));
    const file = join(home, 'ragged.csv');
    writeFileSync(file, 'a,b,label\n1,2,x\n3,4,y\n5,6\n7,8,x\n');
    const res = await trainyard('datasets', 'add', file, '--target', 'label', '--name', 'ragged');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Line 4');
    const after = parseJson<Array<{ id: string }>>(await trainyard('datasets', 'list', '--json'));
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
  });
});
