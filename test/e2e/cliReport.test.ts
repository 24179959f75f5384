// `trainyard sweep report` as a real subprocess over a temporary embedded studio: a real 2 × 2
// PyTorch grid on iris and the same grid on TensorFlow.js (framework comparison), then the text
// report, --json (the same numbers as core's analysis), --html (one self-contained file), the
// exported best command re-run, and the errors.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parameterImportance, type StoredRun, SweepRequestSchema } from '@trainyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, parseJson, runTrainyard } from './cliProcess.js';

let home: string;
const trainyard = (...args: string[]): Promise<CliResult> => runTrainyard(home, args);
const GRID = ['--dataset', 'iris', '--epochs', '2,4', '--learning-rates', '0.01,0.1', '--hidden-dims', '8'];
const SMALL = ['--hidden-layers', '1', '--concurrency', '2', '--json'];

let sweepId: string;
let runs: StoredRun[];

interface Report {
  metric: string;
  metricLabel: string;
  importance: ReturnType<typeof parameterImportance>;
  topRuns: Array<{ rank: number; runId: string; score: number }>;
  best: { runId: string; cliCommand: string; apiBody: unknown; combination: Record<string, number> } | null;
  frameworks: {
    pairs: unknown[];
    pytorchWins: number;
    tensorflowWins: number;
    ties: number;
    agreement?: { kind: string; rows: number; value: number };
  } | null;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-cli-report-'));
  const rows = parseJson<StoredRun[]>(await trainyard('sweep', '--framework', 'pytorch', ...GRID, ...SMALL));
  sweepId = rows[0]!.sweepId!;
  parseJson(await trainyard('sweep', '--framework', 'tensorflow', ...GRID, ...SMALL));
  runs = parseJson<{ runs: StoredRun[] }>(await trainyard('sweep', 'show', sweepId, '--json')).runs;
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('trainyard sweep report (built binary, embedded studio)', () => {
  it('prints the importance table, the top runs and the best configuration as a command', async () => {
    const res = await trainyard('sweep', 'report', sweepId);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Score: accuracy (validation)');
    expect(res.stdout).toContain('Method: exact functional ANOVA on the full grid (4 runs');
    expect(res.stdout).toMatch(/Learning rate\s*│\s*\d+\.\d%/);
    expect(res.stdout).toMatch(/Epochs\s*│\s*\d+\.\d%/);
    expect(res.stdout).toContain('Top runs by accuracy (validation)');
    expect(res.stdout).toContain('npx trainyard sweep --framework pytorch --dataset iris');
    expect(res.stdout).toContain('PyTorch vs TensorFlow on iris (same combinations and seed, test accuracy)');
    expect(res.stdout).toContain('4 pairs');
  });

  it('--json gives the numbers of core parameterImportance and a best run that is the first top run', async () => {
    const report = parseJson<Report>(await trainyard('sweep', 'report', sweepId, '--json', '--top', '3'));
    expect(report.metric).toBe('val_score');
    expect(report.importance).toEqual(JSON.parse(JSON.stringify(parameterImportance(runs))));
    expect(report.importance.method).toBe('exact');
    const explained = report.importance.parameters.reduce((a, p) => a + p.share, 0);
    expect(explained + report.importance.interactions).toBeCloseTo(1, 9);
    expect(report.topRuns.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(report.topRuns[0]?.runId).toBe(report.best?.runId);
    expect(SweepRequestSchema.safeParse(report.best?.apiBody).success).toBe(true);
    expect(report.frameworks).toMatchObject({ pairs: expect.any(Array) });
    expect(report.frameworks!.pytorchWins + report.frameworks!.tensorflowWins + report.frameworks!.ties).toBe(
      4,
    );
  });

  it('the exported command trains the best run again with the same test score', async () => {
    const report = parseJson<Report>(await trainyard('sweep', 'report', sweepId, '--json'));
    const words = report.best!.cliCommand.split(' ');
    expect(words.slice(0, 2)).toEqual(['npx', 'trainyard']);
    const [again] = parseJson<StoredRun[]>(await trainyard(...words.slice(2), '--json'));
    const best = runs.find((r) => r.id === report.best!.runId)!;
    expect(again).toMatchObject({ ...report.best!.combination, result: 'completed' });
    expect(again?.metric_score).toBe(best.metric_score);
    expect(again?.val_score).toBe(best.val_score);
  });

  it('--html writes one self-contained file with the charts as inline SVG', async () => {
    const file = join(home, 'report.html');
    const res = await trainyard('sweep', 'report', sweepId, '--html', file);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`Wrote ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Importance bars, score against learning rate and epochs, parallel coordinates, the best run's curves.
    expect(html.match(/<svg[\s>]/g)?.length).toBe(5);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain('Parallel coordinates');
    expect(html).toContain('npx trainyard sweep --framework pytorch');
  });

  it('--agreement compares the best pair of models on the dataset rows', async () => {
    const report = parseJson<Report>(await trainyard('sweep', 'report', sweepId, '--json', '--agreement'));
    expect(report.frameworks?.agreement).toMatchObject({ kind: 'labels', rows: 150 });
    expect(report.frameworks!.agreement!.value).toBeGreaterThanOrEqual(0);
    expect(report.frameworks!.agreement!.value).toBeLessThanOrEqual(1);
  });

  it('an unknown id or a bad --top is exit code 2 with the message of sweep show', async () => {
    const shown = await trainyard('sweep', 'show', 'nope');
    const reported = await trainyard('sweep', 'report', 'nope');
    expect(reported.code).toBe(2);
    expect(shown.code).toBe(2);
    expect(reported.stderr).toBe(shown.stderr);
    expect(reported.stderr).toContain('No sweep with id "nope"');
    const top = await trainyard('sweep', 'report', sweepId, '--top', 'many');
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('--top must be a whole number from 1 to 10000: many');
  });
});
