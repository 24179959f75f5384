// Every built-in dataset, both engines: the saved raw-in/raw-out model on raw CSV rows answers what
// the preprocessing path (applyPreprocessing → native model → softmax / restoreTarget) answers.
// Runs the real engines (TF.js worker threads from dist/: build first with npx tsc -b packages/trainers).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltin, readBuiltinManifest } from '../datasets/builtinDatasets.js';
import type { ModelParams, PreprocessingMeta } from '../engine.js';
import { applyPreprocessing, type RawRow, restoreTarget } from '../preprocessing/applyPreprocessing.js';
import { prepareData } from '../preprocessing/prepareData.js';
import { createPytorchEngine, type PytorchEngine } from '../pytorch/pytorchEngine.js';
import { DEFAULT_PYTHON } from '../pytorch/trainerScript.js';
import { RAW_MODEL_JSON } from '../tensorflow/modelFileNames.js';
import { loadLayersModelFromDir } from '../tensorflow/modelFiles.js';
import { createTensorflowEngine, type TensorflowEngine } from '../tensorflow/tensorflowEngine.js';
import type { ModelMetadata } from './modelMetadata.js';
import { createModelPredictor } from './modelPredictor.js';
import { ONNX_FILE } from './onnxModel.js';
import { encodeRawRows } from './rawInputs.js';

/** ONNX Runtime (CPU, the binary inside the npm package) on a saved model.onnx. */
async function runOnnx(dir: string, raw: Float32Array, rows: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(join(dir, ONNX_FILE));
  try {
    const out = await session.run({ input: new ort.Tensor('float32', raw, [rows, raw.length / rows]) });
    return out.output!.data as Float32Array;
  } finally {
    await session.release();
  }
}

const params: ModelParams = {
  epochs: 2,
  batchSize: 32,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 42,
};
const ROWS = 60;

// torch.jit.load on both files; x files are raw float32.
const TORCH_LOADER = `
import json, sys, torch
native, raw, x_path, raw_path, n, n_raw = sys.argv[1:7]
load = lambda p: torch.jit.load(p).eval()
read = lambda p, w: torch.frombuffer(bytearray(open(p, 'rb').read()), dtype=torch.float32).reshape(-1, int(w))
with torch.no_grad():
    a = load(native)(read(x_path, n))
    b = load(raw)(read(raw_path, n_raw))
print(json.dumps({'native': a.reshape(-1).tolist(), 'raw': b.reshape(-1).tolist()}))
`;

function softmaxRows(logits: ArrayLike<number>, width: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < logits.length / width; r++) {
    const row = Array.from({ length: width }, (_, c) => logits[r * width + c]!);
    const max = Math.max(...row);
    const exps = row.map((v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    out.push(...exps.map((e) => e / sum));
  }
  return out;
}

/** What the preprocessing path answers: probabilities, or the target in its own units. */
function viaPreprocessing(meta: PreprocessingMeta, native: ArrayLike<number>): number[] {
  return meta.task === 'classification'
    ? softmaxRows(native, meta.labels!.length)
    : Array.from(native, (v) => restoreTarget(meta, v));
}

let root: string;
let tfEngine: TensorflowEngine;
let ptEngine: PytorchEngine;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'raw-models-'));
  tfEngine = createTensorflowEngine({ slots: 1, log: () => {} });
  ptEngine = createPytorchEngine({ slots: 1, threadsPerSlot: 1 });
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await Promise.all([tfEngine.close(), ptEngine.close()]);
  await rm(root, { recursive: true, force: true });
});

const datasets = readBuiltinManifest().map((entry) => [entry.id, entry] as const);

describe('raw-in/raw-out models and their ONNX files', () => {
  it.each(datasets)('%s: both engines answer raw rows as the preprocessing path does', async (id, entry) => {
    const { table } = await loadBuiltin(entry);
    const data = prepareData(table, { testSize: 0.2, seed: 42 });
    const meta = data.preprocessing;
    const rows: RawRow[] = Array.from({ length: ROWS }, (_, i) =>
      Object.fromEntries(
        table.features.map((f) => [f.name, f.kind === 'numeric' ? f.values[i]! : f.values[i]!]),
      ),
    );
    const x = applyPreprocessing(meta, rows);
    const raw = encodeRawRows(meta, rows);
    const nRaw = raw.length / ROWS;

    // TensorFlow.js
    const tfDir = await mkdtemp(join(root, `${id}-tf-`));
    const tfResult = await tfEngine.train({ data, params, modelDir: tfDir });
    expect(tfResult.files).toEqual([
      'model.json',
      'weights.bin',
      'raw_model.json',
      'raw_weights.bin',
      'model.onnx',
    ]);
    const native = await loadLayersModelFromDir(tfDir);
    const rawModel = await loadLayersModelFromDir(tfDir, RAW_MODEL_JSON);
    // The native classifier ends in softmax already: undo nothing, compare probabilities directly.
    const nativeOut = (
      native.predict(tf.tensor2d(x, [ROWS, meta.featureColumns.length])) as tf.Tensor
    ).dataSync();
    const tfExpected =
      meta.task === 'classification' ? Array.from(nativeOut) : viaPreprocessing(meta, nativeOut);
    const tfRaw = (rawModel.predict(tf.tensor2d(raw, [ROWS, nRaw])) as tf.Tensor).dataSync();

    // PyTorch
    const ptDir = await mkdtemp(join(root, `${id}-pt-`));
    const ptResult = await ptEngine.train({ data, params, modelDir: ptDir });
    expect(ptResult.files).toEqual(['model.pt', 'raw_model.pt', 'model.onnx']);
    await writeFile(join(ptDir, 'x.f32'), x);
    await writeFile(join(ptDir, 'raw.f32'), raw);
    const args = [
      join(ptDir, 'model.pt'),
      join(ptDir, 'raw_model.pt'),
      join(ptDir, 'x.f32'),
      join(ptDir, 'raw.f32'),
    ];
    const torchOut = JSON.parse(
      execFileSync(
        DEFAULT_PYTHON,
        ['-c', TORCH_LOADER, ...args, String(meta.featureColumns.length), String(nRaw)],
        { encoding: 'utf8' },
      ),
    ) as { native: number[]; raw: number[] };
    const ptExpected = viaPreprocessing(meta, torchOut.native);

    // Regression compares in the model's standardised units too: float32 holds a target near 150
    // to about 1e-5, so absolute differences there measure float32, not the folding.
    const scale = meta.task === 'regression' ? (meta.targetStd ?? 1) : 1;
    const worst = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      Math.max(...Array.from(b, (v, i) => Math.abs(a[i]! - v)));
    const tfWorst = worst(tfRaw, tfExpected);
    const ptWorst = worst(torchOut.raw, ptExpected);
    const tfOnnx = worst(await runOnnx(tfDir, raw, ROWS), tfRaw);
    const ptOnnx = worst(await runOnnx(ptDir, raw, ROWS), torchOut.raw);
    console.log(
      `${id}: max |raw - preprocessing path| tensorflow ${tfWorst.toExponential(2)}, pytorch ${ptWorst.toExponential(2)}` +
        (scale !== 1
          ? ` (target units; /targetStd: ${(tfWorst / scale).toExponential(2)}, ${(ptWorst / scale).toExponential(2)})`
          : '') +
        `; ONNX Runtime vs native raw model: tensorflow ${tfOnnx.toExponential(2)}, pytorch ${ptOnnx.toExponential(2)}`,
    );
    expect(tfRaw.length).toBe(tfExpected.length);
    expect(torchOut.raw.length).toBe(ptExpected.length);
    expect(tfWorst / scale).toBeLessThanOrEqual(1e-5);
    expect(ptWorst / scale).toBeLessThanOrEqual(1e-5);
    expect(tfOnnx / scale).toBeLessThanOrEqual(1e-5);
    expect(ptOnnx / scale).toBeLessThanOrEqual(1e-5);

    // The studio's predictor (ONNX Runtime over model.onnx) on the same raw rows, as objects.
    for (const [dir, ours] of [
      [tfDir, tfRaw],
      [ptDir, Float32Array.from(torchOut.raw)],
    ] as const) {
      const predictor = createModelPredictor({
        models: { dir: () => dir, get: async () => ({ preprocessing: meta }) as ModelMetadata },
      });
      const answer = await predictor.predict('m_aaaaaaaaaaaaaaaa', rows as Array<Record<string, number>>);
      const flat = answer.probabilities ? answer.probabilities.flat() : (answer.predictions as number[]);
      expect(worst(flat, ours) / scale).toBeLessThanOrEqual(1e-5);
      predictor.close();
    }
    native.dispose();
    rawModel.dispose();
  });
});
