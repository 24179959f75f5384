import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelParams, PreparedData } from '../engine.js';
import { createPytorchEngine } from './pytorchEngine.js';
import { builtin } from './testData.js';
import { DEFAULT_PYTHON } from './trainerScript.js';

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

// A plain python with none of our code: torch.jit.load, the standardised test matrix from a raw
// float32 file, and the model's raw outputs printed as JSON (float32 → double → JSON is exact).
const PLAIN_LOADER = `
import json, sys, torch
model_path, x_path, n_features = sys.argv[1:4]
model = torch.jit.load(model_path)
model.eval()
x = torch.frombuffer(bytearray(open(x_path, 'rb').read()), dtype=torch.float32).reshape(-1, int(n_features))
with torch.no_grad():
    out = model(x)
print(json.dumps({'shape': list(out.shape), 'outputs': out.reshape(-1).tolist()}))
`;

function plainLoad(dir: string, data: PreparedData): { shape: number[]; outputs: Float32Array } {
  const xPath = join(dir, 'x_test.f32');
  writeFileSync(xPath, data.xTest);
  const args = ['-c', PLAIN_LOADER, join(dir, 'model.pt'), xPath, String(data.nFeatures)];
  const { shape, outputs } = JSON.parse(execFileSync(DEFAULT_PYTHON, args, { encoding: 'utf8' }));
  return { shape, outputs: Float32Array.from(outputs as number[]) };
}

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
