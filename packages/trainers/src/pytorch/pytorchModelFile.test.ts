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
// float32 file, and the metric computed from scratch.
const PLAIN_LOADER = `
import json, sys, torch
model_path, x_path, y_path, n_features, task = sys.argv[1:6]
model = torch.jit.load(model_path)
model.eval()
def floats(path):
    return torch.frombuffer(bytearray(open(path, 'rb').read()), dtype=torch.float32)
x = floats(x_path).reshape(-1, int(n_features))
y = floats(y_path)
with torch.no_grad():
    out = model(x)
if task == 'classification':
    score = (out.argmax(dim=1) == y.long()).double().mean().item()
else:
    pred = out.reshape(-1).double(); yd = y.double()
    score = (1 - ((yd - pred) ** 2).sum() / ((yd - yd.mean()) ** 2).sum()).item()
print(json.dumps({'score': score, 'rows': x.shape[0]}))
`;

function plainLoad(dir: string, data: PreparedData): { score: number; rows: number } {
  const xPath = join(dir, 'x_test.f32');
  const yPath = join(dir, 'y_test.f32');
  writeFileSync(xPath, data.xTest);
  writeFileSync(yPath, data.yTest);
  const args = ['-c', PLAIN_LOADER, join(dir, 'model.pt'), xPath, yPath, String(data.nFeatures), data.task];
  return JSON.parse(execFileSync(DEFAULT_PYTHON, args, { encoding: 'utf8' }));
}

afterAll(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('PyTorch model file', () => {
  it.each(['digits', 'diabetes'])(
    '%s: plain torch.jit.load in another python reproduces our test score',
    async (id) => {
      const data = await builtin(id);
      const dir = mkdtempSync(join(root, 'm-'));
      const result = await engine.train({ data, params, modelDir: dir });
      const plain = plainLoad(dir, data);
      expect(plain.rows).toBe(data.nTest);
      expect(plain.score).toBeCloseTo(result.metric_score, 6);
    },
  );
});
