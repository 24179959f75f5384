import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictionResult, PredictRow } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { fakeStudioClient, memoryIo } from '../testing/fakeStudioClient.js';

const answer: PredictionResult = {
  modelId: 'm_aaaaaaaaaaaaaaaa',
  task: 'classification',
  columns: ['age', 'colour'],
  predictions: ['yes', 'no, really'],
  probabilities: [
    [0.25, 0.75],
    [0.875, 0.125],
  ],
  labels: ['no, really', 'yes'],
};

describe('trainyard predict', () => {
  it('sends the CSV to the model and writes one prediction line per row into --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ty-predict-'));
    writeFileSync(join(dir, 'data.csv'), 'age,colour\n30,red\n50,blue\n');
    let seen: { id: string; rows: unknown } | undefined;
    const connect = async () =>
      fakeStudioClient({
        predict: async (id: string, rows: readonly PredictRow[] | { csv: string }) => {
          seen = { id, rows };
          return answer;
        },
      });
    const { io, stderr } = memoryIo();
    const out = join(dir, 'predictions.csv');
    const args = ['predict', '--model', answer.modelId, join(dir, 'data.csv'), '--out', out];
    expect(await runCli(args, io, { connect })).toBe(0);
    expect(seen).toEqual({ id: answer.modelId, rows: { csv: 'age,colour\n30,red\n50,blue\n' } });
    expect(readFileSync(out, 'utf8')).toBe(
      'prediction,"probability_no, really",probability_yes\nyes,0.25,0.75\n"no, really",0.875,0.125\n',
    );
    expect(stderr()).toContain('Wrote 2 predictions');
  });

  it('needs --model and a readable file (exit code 2)', async () => {
    const connect = async () => fakeStudioClient();
    const noModel = memoryIo();
    expect(await runCli(['predict', 'data.csv'], noModel.io, { connect })).toBe(2);
    expect(noModel.stderr()).toContain('--model');
    const noFile = memoryIo();
    expect(await runCli(['predict', '--model', 'm_x', '/nonexistent/data.csv'], noFile.io, { connect })).toBe(
      2,
    );
    expect(noFile.stderr()).toContain('no such file');
  });
});
