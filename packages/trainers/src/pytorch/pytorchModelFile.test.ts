import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { plainLoad } from '../testing/plainTorchLoad.js';
import { createPytorchEngine } from './pytorchEngine.js';
import { builtin } from './testData.js';

const engine = createPytorchEngine({ slots: 1, threadsPerSlot: 1 });
const root = mkdtempSync(join(tmpdir(), 'trainyard-ptm-'));
const params: ModelParams = {
  epochs: 10,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0.2,
  seed: 42,
};

function argmaxRows(values: Float32Array, width: number): number[] {
  return Array.from({ length: values.length / width }, (_, row) => {
    const slice = values.subarray(row * width, (row + 1) * width);
    return slice.indexOf(Math.max(...slice));
  });
}

afterAll(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('PyTorch model file', () => {
  it.each(['digits', 'diabetes'])(
    '%s: plain torch.jit.load in another python reproduces our test-split outputs row by row',
    async (id) => {
      const data = await builtin(id);
      const dir = mkdtempSync(join(root, 'm-'));
      const result = await engine.train({ data, params, modelDir: dir, returnTestOutputs: true });
      const ours = result.testOutputs!;
      const plain = plainLoad(dir, data);
      const width = data.task === 'classification' ? data.nClasses : 1;
      expect(plain.shape).toEqual([data.nTest, width]);
      expect(ours.length).toBe(data.nTest * width);
      const worst = Math.max(...plain.outputs.map((v, i) => Math.abs(v - ours[i]!)));
      expect(worst).toBeLessThan(1e-5);
      if (data.task === 'classification') {
        const classes = argmaxRows(plain.outputs, width);
        expect(classes).toEqual(argmaxRows(ours, width));
        const hits = classes.filter((k, i) => k === data.yTest[i]).length;
        expect(hits / data.nTest).toBe(result.metric_score);
      }
    },
  );

  it('returns no test outputs unless the job asks for them', async () => {
    const data = await builtin('diabetes');
    const result = await engine.train({ data, params, modelDir: mkdtempSync(join(root, 'm-')) });
    expect(result.testOutputs).toBeUndefined();
  });
});
