// The saved files open in TF.js's own loader in a separate node process that runs none of our code.
// Runs the real engine: worker threads from dist/ (build first: npx tsc -b packages/trainers).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { accuracy, argmaxRows, r2Score } from './metrics.js';
import { createTensorflowEngine, type TensorflowEngine } from './tensorflowEngine.js';
import { builtinData } from './testData.js';

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
process.stdout.write(JSON.stringify({ shape: out.shape, outputs: Array.from(await out.data()) }));
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

/** Row-wise softmax: our saved classifiers end in a softmax layer, the engine returns the logits before it. */
function softmaxRows(logits: Float32Array, width: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let r = 0; r < logits.length / width; r++) {
    const row = logits.subarray(r * width, (r + 1) * width);
    const max = Math.max(...row);
    const exps = Array.from(row, (v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    exps.forEach((e, c) => {
      out[r * width + c] = e / sum;
    });
  }
  return out;
}

let root: string;
let engine: TensorflowEngine;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tf-plain-'));
  engine = createTensorflowEngine({ slots: 1, log: () => {} });
});
afterAll(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

describe('saved TF.js models in a plain loader', () => {
  it.each(['digits', 'diabetes'])(
    '%s: tf.loadLayersModel in another process reproduces our test-split outputs row by row',
    async (id) => {
      const data = await builtinData(id);
      const modelDir = await mkdtemp(join(root, `${id}-`));
      const result = await engine.train({ data, params, modelDir, returnTestOutputs: true });
      const inputPath = join(root, `${id}-input.json`);
      await writeFile(
        inputPath,
        JSON.stringify({ x: Array.from(data.xTest), rows: data.nTest, cols: data.nFeatures }),
      );

      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', PLAIN_LOADER, modelDir, inputPath],
        { cwd: repoRoot },
      );
      const answer = JSON.parse(stdout) as { shape: number[]; outputs: number[] };
      const plain = Float32Array.from(answer.outputs);

      const width = data.task === 'classification' ? data.nClasses : 1;
      const ours =
        data.task === 'classification' ? softmaxRows(result.testOutputs!, width) : result.testOutputs!;
      expect(answer.shape).toEqual([data.nTest, width]);
      expect(ours.length).toBe(data.nTest * width);
      const worst = Math.max(...plain.map((v, i) => Math.abs(v - ours[i]!)));
      expect(worst).toBeLessThan(1e-5);
      if (data.task === 'classification') {
        const classes = argmaxRows(plain, width);
        expect(classes).toEqual(argmaxRows(result.testOutputs!, width));
        expect(accuracy(classes, data.yTest)).toBe(result.metric_score);
      } else {
        expect(r2Score(plain, data.yTest)).toBeCloseTo(result.metric_score, 5);
      }
    },
  );
});
