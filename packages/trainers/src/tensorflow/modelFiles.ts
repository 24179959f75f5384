import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '@trainyard/core';
import type { PreprocessingMeta } from '../engine.js';
import { denseStackToOnnx, ONNX_FILE, type OnnxDense } from '../models/onnxModel.js';
import { type DenseWeights, type RawLayers, rawLayers } from '../models/rawLayers.js';
import type { Mlp } from './mlp.js';
import { MODEL_JSON, RAW_MODEL_JSON, RAW_WEIGHTS_BIN, WEIGHTS_BIN } from './modelFileNames.js';

/**
 * Builds the standard `tf.sequential` twin of `mlp` (same weights) so any TF.js can load it:
 * Dense(relu) [+ Dropout] per hidden layer, a linear Dense named `logits`, then for classification a
 * separate softmax Activation. Keeping softmax in its own layer lets distillation read the teacher's
 * logits from the `logits` layer instead of inverting probabilities. `weights` defaults to the MLP's
 * own; an epoch snapshot of them (same layout) saves that epoch's model. With `raw`, the model is the
 * raw-in/raw-out twin: the raw layers' Dense `raw_expand` (relu) and `raw_standardise` in front and,
 * for regression, a Dense `target_units` behind.
 */
export function toLayersModel(
  mlp: Mlp,
  task: TaskKind,
  weights: tf.Tensor[] = mlp.variables,
  raw?: RawLayers,
): tf.Sequential {
  const { spec } = mlp;
  const model = tf.sequential();
  const front = (d: DenseWeights, name: string, activation: 'relu' | 'linear') =>
    tf.layers.dense({ units: d.outDim, activation, name, inputShape: [d.inDim] });
  if (raw) {
    model.add(front(raw.expand, 'raw_expand', 'relu'));
    model.add(front(raw.standardise, 'raw_standardise', 'linear'));
  }
  for (let i = 0; i < spec.numHiddenLayers; i++) {
    model.add(
      tf.layers.dense({
        units: spec.hiddenDim,
        activation: 'relu',
        kernelInitializer: 'zeros',
        name: `hidden_${i + 1}`,
        ...(i === 0 && !raw ? { inputShape: [spec.inputDim] } : {}),
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, name: `dropout_${i + 1}` }));
  }
  model.add(
    tf.layers.dense({
      units: spec.outputDim,
      kernelInitializer: 'zeros',
      name: 'logits',
      ...(spec.numHiddenLayers === 0 && !raw ? { inputShape: [spec.inputDim] } : {}),
    }),
  );
  if (task === 'classification')
    model.add(tf.layers.activation({ activation: 'softmax', name: 'probabilities' }));
  if (raw?.targetUnits) model.add(front(raw.targetUnits, 'target_units', 'linear'));
  if (!raw) {
    model.setWeights(weights);
    return model;
  }
  const dense = (d: DenseWeights) => [tf.tensor2d(d.kernel, [d.inDim, d.outDim]), tf.tensor1d(d.bias)];
  const extra = [raw.expand, raw.standardise, ...(raw.targetUnits ? [raw.targetUnits] : [])].map(dense);
  const [expand, standardise, targetUnits = []] = extra;
  model.setWeights([...expand!, ...standardise!, ...weights, ...targetUnits]);
  for (const t of extra.flat()) t.dispose();
  return model;
}

/**
 * Saves the model and its raw-in/raw-out twin into `dir`; returns the written file names.
 * @example
 * files = await saveModelFiles(mlp, data.task, weights, dir, data.preprocessing, { trainyard: {...} });
 */
export async function saveModelFiles(
  mlp: Mlp,
  task: TaskKind,
  weights: tf.Tensor[],
  dir: string,
  preprocessing: PreprocessingMeta,
  metadata?: Record<string, unknown>,
): Promise<string[]> {
  const raw = rawLayers(preprocessing);
  // The three files are written concurrently (their writes overlap each other and the next build).
  const saved = await Promise.all([
    ...[undefined, raw].map(async (twin) => {
      const model = toLayersModel(mlp, task, weights, twin);
      try {
        const names = twin ? { json: RAW_MODEL_JSON, bin: RAW_WEIGHTS_BIN } : undefined;
        return await saveLayersModel(model, dir, metadata, names);
      } finally {
        model.dispose();
      }
    }),
    writeFile(join(dir, ONNX_FILE), denseStackToOnnx(onnxLayers(mlp, weights, raw), onnxHead(task))).then(
      () => [ONNX_FILE],
    ),
  ]);
  return saved.flat();
}

const onnxHead = (task: TaskKind) => (task === 'classification' ? 'softmax' : 'none');

/** The raw-in/raw-out stack as ONNX Gemm layers: raw front, the MLP's dense layers, target units. */
function onnxLayers(mlp: Mlp, weights: tf.Tensor[], raw: RawLayers): OnnxDense[] {
  const { spec } = mlp;
  const layers: OnnxDense[] = [
    { dense: raw.expand, relu: true },
    { dense: raw.standardise, relu: false },
  ];
  for (let i = 0; 2 * i < weights.length; i++) {
    const kernel = weights[2 * i]!;
    layers.push({
      dense: {
        inDim: kernel.shape[0]!,
        outDim: kernel.shape[1]!,
        kernel: kernel.dataSync() as Float32Array,
        bias: weights[2 * i + 1]!.dataSync() as Float32Array,
      },
      relu: i < spec.numHiddenLayers,
    });
  }
  if (raw.targetUnits) layers.push({ dense: raw.targetUnits, relu: false });
  return layers;
}

/**
 * Saves a LayersModel as `model.json` + `weights.bin` (the tfjs-node `file://` layout) through a custom
 * IOHandler, so no tfjs-node is needed. `metadata` lands in model.json's `userDefinedMetadata`, which
 * plain loaders ignore. Returns the written file names.
 */
export async function saveLayersModel(
  model: tf.LayersModel,
  dir: string,
  metadata?: Record<string, unknown>,
  names: { json: string; bin: string } = { json: MODEL_JSON, bin: WEIGHTS_BIN },
): Promise<string[]> {
  const handler = tf.io.withSaveHandler(async (artifacts) => {
    const weights = artifacts.weightData ?? new ArrayBuffer(0);
    const joined = tf.io.CompositeArrayBuffer.join(weights);
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [names.bin], weights: artifacts.weightSpecs ?? [] }],
      ...(metadata ? { userDefinedMetadata: metadata } : {}),
    };
    await Promise.all([
      writeFile(join(dir, names.bin), new Uint8Array(joined)),
      writeFile(join(dir, names.json), JSON.stringify(modelJson)),
    ]);
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
  await model.save(handler);
  return [names.json, names.bin];
}

/** Loads a model saved by `saveLayersModel` (or tfjs-node) from a directory, reading files directly. */
export async function loadLayersModelFromDir(dir: string, json = MODEL_JSON): Promise<tf.LayersModel> {
  const modelJson = JSON.parse(await readFile(join(dir, json), 'utf8')) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const buffers = await Promise.all(
      manifest
        .flatMap((group) => group.paths)
        .map(async (path) => {
          // Only sibling files: a manifest must not steer reads outside the model directory.
          if (basename(path) !== path) throw new Error(`Invalid weights path in ${json}: ${path}`);
          const bytes = await readFile(join(dir, path));
          return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        }),
    );
    return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
  });
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/**
 * The teacher's logits for distillation. Our classifiers end in a separate softmax Activation, so the
 * logits are the `logits` layer's output; for a model whose last Dense applies softmax itself, log
 * probabilities are used (they equal the logits up to a per-row constant, which softmax ignores).
 */
export function predictLogits(model: tf.LayersModel, x: tf.Tensor2D): tf.Tensor2D {
  const layers = model.layers;
  const last = layers[layers.length - 1];
  if (last?.getClassName() === 'Activation' && layers.length >= 2) {
    const logits = tf.model({
      inputs: model.inputs,
      outputs: layers[layers.length - 2]!.output as tf.SymbolicTensor,
    });
    return logits.predict(x) as tf.Tensor2D;
  }
  const out = model.predict(x) as tf.Tensor2D;
  const activation = (last?.getConfig() as { activation?: string } | undefined)?.activation;
  return activation === 'softmax' ? (tf.log(tf.add(out, 1e-12)) as tf.Tensor2D) : out;
}
