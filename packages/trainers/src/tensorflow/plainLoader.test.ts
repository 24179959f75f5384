// The saved files open in TF.js's own loader in a separate node process that runs none of our code.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { accuracy, argmaxRows, r2Score } from './metrics.js';
import { loadLayersModelFromDir } from './modelFiles.js';
import { builtinData } from './testData.js';
import { initTensorflow } from './tfRuntime.js';
import { runTrainJob } from './trainJob.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

// Plain @tensorflow/tfjs on its pure-JS cpu backend, with a ten-line file IOHandler.
const PLAIN_LOADER = `
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
const [dir, inputPath] = process.argv.slice(1);
await tf.setBackend('cpu');
const json = JSON.parse(readFileSync(dir + '/model.json', 'utf8'));
const group = json.weightsManifest[0];
const bytes = readFileSync(dir + '/' + group.paths[0]);
const model = await tf.loadLayersModel(tf.io.fromMemory({
  modelTopology: json.modelTopology,
  weightSpecs: group.weights,
  weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
}));
const input = JSON.parse(readFileSync(inputPath, 'utf8'));
const out = model.predict(tf.tensor2d(input.x, [input.rows, input.cols]));
process.stdout.write(JSON.stringify(Array.from(await out.data())));
`;

const params: ModelParams = {
  epochs: 10,
  batchSize: 32,
  learningRate: 0.01,
  hiddenDim: 32,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 42,
};

let root: string;
beforeAll(async () => {
  await initTensorflow('wasm');
  root = await mkdtemp(join(tmpdir(), 'tf-plain-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saved TF.js models in a plain loader', () => {
  it.each(['iris', 'diabetes'])(
    '%s: tf.loadLayersModel in another process reproduces our test-split predictions',
    async (id) => {
      const data = await builtinData(id);
      const modelDir = await mkdtemp(join(root, `${id}-`));
      const result = await runTrainJob({ data, params, modelDir });
      const inputPath = join(modelDir, '..', `${id}-input.json`);
      await writeFile(
        inputPath,
        JSON.stringify({ x: Array.from(data.xTest), rows: data.nTest, cols: data.nFeatures }),
      );

      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', PLAIN_LOADER, modelDir, inputPath],
        {
          cwd: repoRoot,
        },
      );
      const plain = Float32Array.from(JSON.parse(stdout) as number[]);

      // Same outputs as the model loaded here on the wasm backend, and the same metric the engine reported.
      const model = await loadLayersModelFromDir(modelDir);
      const ours = tf.tidy(() =>
        (model.predict(tf.tensor2d(data.xTest, [data.nTest, data.nFeatures])) as tf.Tensor).dataSync(),
      );
      model.dispose();
      expect(plain.length).toBe(ours.length);
      const worst = Math.max(...plain.map((v, i) => Math.abs(v - ours[i]!)));
      expect(worst).toBeLessThan(1e-5);
      if (data.task === 'classification') {
        expect(accuracy(argmaxRows(plain, data.nClasses), data.yTest)).toBe(result.metric_score);
      } else {
        expect(r2Score(plain, data.yTest)).toBeCloseTo(result.metric_score, 5);
      }
    },
  );
});
