/**
 * The README.md put in every model download: what the model is and how to load it, with a snippet
 * for each format the archive holds (TorchScript, TF.js layers model, and ONNX when present).
 */
import type { ModelSummary } from '@trainyard/core';

export type ReadmeModel = Pick<
  ModelSummary,
  | 'modelId'
  | 'framework'
  | 'kind'
  | 'datasetId'
  | 'task'
  | 'metric_name'
  | 'metric_score'
  | 'parameterCount'
  | 'files'
> &
  Partial<Pick<ModelSummary, 'teacherModelId' | 'runId' | 'params'>>;

const PREPROCESS = `Inputs are the feature columns in \`metadata.json\` → \`preprocessing.featureColumns\` order
(categorical columns one-hot encoded as \`preprocessing.categorical\` lists), each standardised as
\`(x - mean[i]) / std[i]\` with \`preprocessing.mean\` and \`preprocessing.std\`.`;

function outputs(task: ModelSummary['task']): string {
  return task === 'classification'
    ? 'The output is one score per class; the class name of index `i` is `preprocessing.labels[i]`.'
    : 'The output is the standardised target: multiply by `preprocessing.targetStd` and add `preprocessing.targetMean`.';
}

const PYTORCH = (file: string) => `\`\`\`python
import json, torch

meta = json.load(open("metadata.json"))
pre = meta["preprocessing"]
model = torch.jit.load("${file}")
model.eval()
rows = [[...]]  # raw feature values, in pre["featureColumns"] order
x = (torch.tensor(rows, dtype=torch.float32) - torch.tensor(pre["mean"])) / torch.tensor(pre["std"])
with torch.no_grad():
    out = model(x)
\`\`\``;

const TFJS = (file: string) => `\`\`\`js
import * as tf from '@tensorflow/tfjs-node'; // in a browser: '@tensorflow/tfjs' and an http:// URL
import { readFileSync } from 'node:fs';

const { preprocessing: pre } = JSON.parse(readFileSync('metadata.json', 'utf8'));
const model = await tf.loadLayersModel('file://./${file}');
const rows = [[/* raw feature values, in pre.featureColumns order */]];
const x = tf.tensor2d(rows).sub(pre.mean).div(pre.std);
const out = model.predict(x);
\`\`\`

In Python: \`pip install tensorflowjs\`, then
\`tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras ${file} model.h5\`.`;

const ONNX = (file: string) => `\`\`\`python
import numpy as np, onnxruntime as ort

session = ort.InferenceSession("${file}")
out = session.run(None, {session.get_inputs()[0].name: x.astype(np.float32)})  # x: raw feature columns, see below
\`\`\``;

/**
 * @example modelReadme(model) // '# iris · pytorch model m_…\n…torch.jit.load("model.pt")…'
 */
export function modelReadme(model: ReadmeModel): string {
  const find = (ext: string) => model.files.find((f) => f.toLowerCase().endsWith(ext));
  const sections: string[] = [];
  const pt = find('.pt');
  if (pt) sections.push(`## PyTorch (TorchScript)\n\n${PYTORCH(pt)}`);
  const json =
    model.files.find((f) => f === 'model.json') ??
    (model.framework === 'tensorflow' ? find('.json') : undefined);
  if (json) sections.push(`## TensorFlow.js\n\n${TFJS(json)}`);
  const onnx = find('.onnx');
  if (onnx) sections.push(`## ONNX\n\n${ONNX(onnx)}`);
  const what = [
    `- Dataset: \`${model.datasetId}\` (${model.task})`,
    `- Framework: ${model.framework}${model.params?.mode ? ` (${model.params.mode})` : ''}`,
    model.params
      ? `- Architecture: ${model.params.mode === 'linear' ? 'linear' : `${model.params.numHiddenLayers} hidden layer(s) × ${model.params.hiddenDim} units, dropout ${model.params.dropout}`}`
      : undefined,
    `- Test ${model.metric_name}: ${model.metric_score}`,
    `- Parameters: ${model.parameterCount}`,
    model.runId ? `- Trained by run \`${model.runId}\`` : undefined,
    model.teacherModelId ? `- Distilled from teacher model \`${model.teacherModelId}\`` : undefined,
  ].filter((line) => line !== undefined);
  return `${[
    `# ${model.datasetId} · ${model.framework} ${model.kind === 'distilled' ? 'student ' : ''}model ${model.modelId}`,
    what.join('\n'),
    `Files: ${model.files.map((f) => `\`${f}\``).join(', ')}, plus \`metadata.json\` (preprocessing, metrics, training history).`,
    `## Inputs and outputs\n\n${PREPROCESS}\n\n${outputs(model.task)}`,
    ...sections,
  ].join('\n\n')}\n`;
}
