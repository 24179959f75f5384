import { describe, expect, it } from 'vitest';
import { modelReadme, type ReadmeModel } from './modelReadme.js';

const base: ReadmeModel = {
  modelId: 'm_aaaaaaaaaaaaaaaa',
  framework: 'pytorch',
  kind: 'trained',
  datasetId: 'iris',
  task: 'classification',
  metric_name: 'accuracy',
  metric_score: 0.96,
  parameterCount: 1234,
  files: ['model.pt'],
  runId: 'r1',
};

describe('modelReadme', () => {
  it('says what the model is and how to load a TorchScript file', () => {
    const text = modelReadme(base);
    expect(text).toMatch(/^# iris · pytorch model m_aaaaaaaaaaaaaaaa/);
    expect(text).toContain('torch.jit.load("model.pt")');
    expect(text).toContain('Trained by run `r1`');
    expect(text).not.toContain('tf.loadLayersModel');
  });

  it("gives the TF.js snippet for a layers model, the ONNX one when present, and names a student's teacher", () => {
    const text = modelReadme({
      ...base,
      framework: 'tensorflow',
      kind: 'distilled',
      task: 'regression',
      files: ['model.json', 'weights.bin', 'model.onnx'],
      teacherModelId: 'm_bbbbbbbbbbbbbbbb',
    });
    expect(text).toContain("tf.loadLayersModel('file://./model.json')");
    expect(text).toContain('ort.InferenceSession("model.onnx")');
    expect(text).toContain('Distilled from teacher model `m_bbbbbbbbbbbbbbbb`');
    expect(text).toContain('preprocessing.targetStd');
  });
});
