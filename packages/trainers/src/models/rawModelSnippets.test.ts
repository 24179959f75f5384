import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PreprocessingMeta } from '../engine.js';
import { denseStackToOnnx } from './onnxModel.js';
import { rawLayers } from './rawLayers.js';
import { rawModelSnippets } from './rawModelSnippets.js';

const meta: PreprocessingMeta = {
  datasetId: 'shop',
  task: 'classification',
  targetColumn: 'bought',
  featureColumns: ['age', 'colour=blue', 'colour=red'],
  mean: [41.25, 0.5, 0.5],
  std: [10, 0.5, 0.5],
  labels: ['no', 'yes'],
  categorical: [{ column: 'colour', categories: ['blue', 'red'] }],
  testSize: 0.2,
  seed: 42,
};

/** The fenced block that follows `title` in the text. */
const block = (text: string, title: string) =>
  text
    .split(`${title}:\n\n`)[1]!
    .split('```')[1]!
    .replace(/^\w+\n/, '');

describe('rawModelSnippets', () => {
  it('names the raw columns in order, the category indices and what comes out', () => {
    const text = rawModelSnippets({
      task: 'classification',
      files: ['model.pt', 'raw_model.pt', 'model.onnx'],
      preprocessing: meta,
    });
    expect(text).toContain('`age`, `colour` (category index: 0 = blue, 1 = red; -1 = unknown)');
    expect(text).toContain('`no`, `yes`');
    expect(text).toContain('torch.jit.load("raw_model.pt")');
    expect(text).toContain('ort.InferenceSession("model.onnx")');
    expect(text).not.toContain('TensorFlow.js');
  });

  it('has an ONNX Runtime (Node) snippet that runs as written', () => {
    const text = rawModelSnippets({
      task: 'classification',
      files: ['model.json', 'raw_model.json', 'model.onnx'],
      preprocessing: meta,
    });
    expect(text).toContain("tf.loadLayersModel('file://./raw_model.json')");
    // Inside the package so the snippet's bare import resolves to the repo's onnxruntime-node.
    const dir = mkdtempSync(join(fileURLToPath(new URL('../../', import.meta.url)), '.snippet-'));
    try {
      const raw = rawLayers(meta);
      const head = {
        inDim: 3,
        outDim: 2,
        kernel: Float32Array.of(1, -1, 0.5, 0, 0, 0.5),
        bias: Float32Array.of(0, 0),
      };
      const layers = [
        { dense: raw.expand, relu: true },
        { dense: raw.standardise, relu: false },
        { dense: head, relu: false },
      ];
      writeFileSync(join(dir, 'model.onnx'), denseStackToOnnx(layers, 'softmax'));
      const code = block(text, 'ONNX Runtime (Node)');
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        cwd: dir,
        encoding: 'utf8',
      });
      const probabilities = Object.values(
        JSON.parse(out.replace(/^Float32Array\(\d+\)\s*/, '').replace(/(\d)\s+(?=[\d-])/g, '$1,')),
      ) as number[];
      expect(probabilities).toHaveLength(2);
      expect(probabilities[0]! + probabilities[1]!).toBeCloseTo(1, 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
