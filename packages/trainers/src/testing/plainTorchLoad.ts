/** Test helper: a saved model.pt run by a plain python with none of our code. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreparedData } from '../engine.js';
import { DEFAULT_PYTHON } from '../pytorch/trainerScript.js';

// torch.jit.load, the standardised test matrix from a raw float32 file, and the model's raw outputs
// printed as JSON (float32 → double → JSON is exact).
const PLAIN_LOADER = `
import json, sys, torch
x_path, n_features, *model_paths = sys.argv[1:]
x = torch.frombuffer(bytearray(open(x_path, 'rb').read()), dtype=torch.float32).reshape(-1, int(n_features))
answers = []
for model_path in model_paths:
    model = torch.jit.load(model_path)
    model.eval()
    with torch.no_grad():
        out = model(x)
    answers.append({'shape': list(out.shape), 'outputs': out.reshape(-1).tolist()})
print(json.dumps(answers))
`;

interface PlainOutputs {
  shape: number[];
  outputs: Float32Array;
}

/** The test-split outputs of each `dir`/model.pt, loaded by plain torch.jit.load in one other python. */
export function plainLoadAll(dirs: string[], data: PreparedData): PlainOutputs[] {
  const xPath = join(dirs[0]!, 'x_test.f32');
  writeFileSync(xPath, data.xTest);
  const args = ['-c', PLAIN_LOADER, xPath, String(data.nFeatures), ...dirs.map((d) => join(d, 'model.pt'))];
  const answers = JSON.parse(execFileSync(DEFAULT_PYTHON, args, { encoding: 'utf8' })) as Array<{
    shape: number[];
    outputs: number[];
  }>;
  return answers.map(({ shape, outputs }) => ({ shape, outputs: Float32Array.from(outputs) }));
}

export const plainLoad = (dir: string, data: PreparedData): PlainOutputs => plainLoadAll([dir], data)[0]!;
