/**
 * The README section on the raw-in/raw-out files of a model archive: which columns they take and
 * a three-line loading snippet for each runtime that can open them (TorchScript, TF.js, ONNX
 * Runtime in Python and Node). One function, so the download README (and anything else that
 * explains a model) says it the same way.
 */
import type { PreprocessingMeta } from '../engine.js';
import { ONNX_FILE } from './onnxModel.js';
import { rawColumns } from './rawLayers.js';

export interface SnippetModel {
  task: PreprocessingMeta['task'];
  files: readonly string[];
  preprocessing: PreprocessingMeta;
}

const RAW_TORCH = 'raw_model.pt';
const RAW_TFJS = 'raw_model.json';

/** One example row: the training means, and the first category of a categorical column. */
function exampleRow(meta: PreprocessingMeta): string {
  const values = rawColumns(meta).map((c) =>
    c.kind === 'numeric' ? Number(meta.mean[c.input]!.toPrecision(4)) : 0,
  );
  return `[${values.join(', ')}]`;
}

/**
 * @example
 * rawModelSnippets(model) // '## Raw columns in, predictions out\n\n…torch.jit.load("raw_model.pt")…'
 */
export function rawModelSnippets(model: SnippetModel): string {
  const meta = model.preprocessing;
  const has = (file: string) => model.files.includes(file);
  if (!has(ONNX_FILE) && !has(RAW_TORCH) && !has(RAW_TFJS)) {
    return '## Raw columns in, predictions out\n\nThis model was saved before models took raw columns and were exported to ONNX; train it again to get `model.onnx` and a raw-in model file.\n';
  }
  const columns = rawColumns(meta);
  const row = exampleRow(meta);
  const n = columns.length;
  const out =
    model.task === 'classification'
      ? `one probability per class, in \`preprocessing.labels\` order (${(meta.labels ?? []).map((l) => `\`${l}\``).join(', ')})`
      : `the predicted \`${meta.targetColumn}\` in its own units`;
  const listed = columns
    .map((c) =>
      c.kind === 'numeric'
        ? `\`${c.name}\``
        : `\`${c.name}\` (category index: ${c.categories.map((k, i) => `${i} = ${k}`).join(', ')}; -1 = unknown)`,
    )
    .join(', ');
  const sections = [
    '## Raw columns in, predictions out',
    `${has(RAW_TORCH) ? `\`${RAW_TORCH}\`` : `\`${RAW_TFJS}\``} and \`${ONNX_FILE}\` take the raw feature columns in the training CSV's order — ${listed} — with standardisation and one-hot encoding inside the model, and answer ${out}. A missing number is given as the training mean (\`preprocessing.mean\`). The other model file takes the standardised inputs \`metadata.json\` describes.`,
  ];
  if (has(RAW_TORCH)) {
    sections.push(`PyTorch:

\`\`\`python
import torch
model = torch.jit.load("${RAW_TORCH}").eval()
print(model(torch.tensor([${row}])))
\`\`\``);
  }
  if (has(RAW_TFJS)) {
    sections.push(`TensorFlow.js (Node):

\`\`\`js
import * as tf from '@tensorflow/tfjs-node';
const model = await tf.loadLayersModel('file://./${RAW_TFJS}');
model.predict(tf.tensor2d([${row}])).print();
\`\`\``);
  }
  if (has(ONNX_FILE)) {
    sections.push(`ONNX Runtime (Python):

\`\`\`python
import numpy as np, onnxruntime as ort
session = ort.InferenceSession("${ONNX_FILE}")
print(session.run(None, {"input": np.array([${row}], dtype=np.float32)})[0])
\`\`\``);
    sections.push(`ONNX Runtime (Node):

\`\`\`js
import * as ort from 'onnxruntime-node';
const session = await ort.InferenceSession.create('${ONNX_FILE}');
console.log((await session.run({ input: new ort.Tensor('float32', Float32Array.from(${row}), [1, ${n}]) })).output.data);
\`\`\``);
  }
  return `${sections.join('\n\n')}\n`;
}
