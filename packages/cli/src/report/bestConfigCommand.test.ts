// The exported best configuration round-trips: its CLI command parses with the CLI's own parser
// (commander + parseSweepFlags, as `trainyard sweep` runs it) into the sweep its API body describes.
import { bestConfigExport, buildSweepGrid, type SweepFields, SweepRequestSchema } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { fakeStudioClient, memoryIo } from '../testing/fakeStudioClient.js';

/** The fields `trainyard sweep` sends for `command` (the studio refuses to run it). */
async function fieldsOf(command: string): Promise<SweepFields> {
  const words = command.split(' ');
  expect(words.slice(0, 3)).toEqual(['npx', 'trainyard', 'sweep']);
  let sent: SweepFields | undefined;
  const client = fakeStudioClient({
    createSweep: async (fields) => {
      sent = fields;
      throw new Error('not run in this test');
    },
  });
  const { io, stderr } = memoryIo();
  await runCli(words.slice(2), io, { connect: async () => client });
  expect(stderr()).toContain('not run in this test');
  return sent!;
}

describe('best configuration export round trip', () => {
  it.each([
    [
      'a validated pytorch run with early stopping',
      storedRun({ id: 'b', learningRate: 0.0003, seed: 7, val_score: 0.9 }),
      { validationSize: 0.25, patience: 3, minDelta: 0.01 },
    ],
    [
      'a tensorflow mlp run without validation',
      storedRun({ id: 't', framework: 'tensorflow', mode: 'mlp', dropout: 0 }),
      {},
    ],
    [
      'the tensorflow linear baseline',
      storedRun({ id: 'l', framework: 'tensorflow', mode: 'linear', hiddenDim: 128 }),
      {},
    ],
  ])(
    '%s: the CLI command and the API body are the same one-combination sweep',
    async (_name, run, selection) => {
      const exported = bestConfigExport([run], selection)!;
      const fromCli = await fieldsOf(exported.cliCommand);
      const fromApi = SweepRequestSchema.parse(exported.apiBody);
      const grid = (f: SweepFields) => {
        const g = buildSweepGrid(f);
        return g.ok ? g.combinations : g.error;
      };
      expect(grid(fromCli)).toEqual([exported.combination]);
      expect(grid(fromApi)).toEqual([exported.combination]);
      const { mode: _m1, ...cli } = fromCli;
      const { mode: _m2, ...api } = fromApi;
      expect(cli).toEqual(api);
      expect(fromCli.mode ?? 'mlp').toBe(fromApi.mode);
    },
  );
});
