import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '@trainyard/core';
import type { Mlp } from './mlp.js';
import { MODEL_JSON, WEIGHTS_BIN } from './modelFileNames.js';

/**
 * Builds the standard `tf.sequential` twin of `mlp` (same weights) so any TF.js can load it:
 * Dense(relu) [+ Dropout] per hidden layer, a linear Dense named `logits`, then for classification a
 * separate softmax Activation. Keeping softmax in its own layer lets distillation read the teacher's
 * logits from the `logits` layer instead of inverting probabilities. `weights` defaults to the MLP's
 * own; an epoch snapshot of them (same layout) saves that epoch's model.
 */
export function toLayersModel(mlp: Mlp, task: TaskKind, weights: tf.Tensor[] = mlp.variables): tf.Sequential {
  const { spec } = mlp;
  const model = tf.sequential();
  for (let i = 0; i < spec.numHiddenLayers; i++) {
    model.add(
      tf.layers.dense({
        units: spec.hiddenDim,
        activation: 'relu',
        kernelInitializer: 'zeros',
        name: `hidden_${i + 1}`,
        ...(i === 0 ? { inputShape: [spec.inputDim] } : {}),
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, name: `dropout_${i + 1}` }));
  }
  model.add(
    tf.layers.dense({
      units: spec.outputDim,
      kernelInitializer: 'zeros',
      name: 'logits',
      ...(spec.numHiddenLayers === 0 ? { inputShape: [spec.inputDim] } : {}),
    }),
  );
  if (task === 'classification')
    model.add(tf.layers.activation({ activation: 'softmax', name: 'probabilities' }));
  model.setWeights(weights);
  return model;
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
): Promise<string[]> {
  const handler = tf.io.withSaveHandler(async (artifacts) => {
    const weights = artifacts.weightData ?? new ArrayBuffer(0);
    const joined = tf.io.CompositeArrayBuffer.join(weights);
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      ...(metadata ? { userDefinedMetadata: metadata } : {}),
    };
    await writeFile(join(dir, WEIGHTS_BIN), new Uint8Array(joined));
    await writeFile(join(dir, MODEL_JSON), JSON.stringify(modelJson));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
  await model.save(handler);
  return [MODEL_JSON, WEIGHTS_BIN];
}

/** Loads a model saved by `saveLayersModel` (or tfjs-node) from a directory, reading files directly. */
export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const modelJson = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const buffers = await Promise.all(
      manifest
        .flatMap((group) => group.paths)
        .map(async (path) => {
          // Only sibling files: a manifest must not steer reads outside the model directory.
          if (basename(path) !== path) throw new Error(`Invalid weights path in ${MODEL_JSON}: ${path}`);
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
