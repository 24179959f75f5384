import { describe, expect, it } from 'vitest';
import { modelArchiveName } from './modelArchiveName.js';

const model = {
  modelId: 'm_7qrmw4ipogzuxm74',
  datasetId: 'iris',
  framework: 'pytorch',
  kind: 'trained',
} as const;

describe('modelArchiveName', () => {
  it("names a sweep run's model after its dataset, framework, sweep and run number", () => {
    const run = { id: 'r_1', sweepId: 'sw_abcdefghij', combinationIndex: 2 };
    expect(modelArchiveName({ ...model, run })).toBe(
      'iris-pytorch-sweep-sw_abcde-run3-m_7qrmw4ipogzuxm74.zip',
    );
  });

  it('names a single run, a student and a model whose run is gone', () => {
    expect(modelArchiveName({ ...model, run: { id: 'r_12345678zz' } })).toBe(
      'iris-pytorch-run-r_123456-m_7qrmw4ipogzuxm74.zip',
    );
    expect(modelArchiveName({ ...model, kind: 'distilled', framework: 'tensorflow' })).toBe(
      'iris-tensorflow-student-m_7qrmw4ipogzuxm74.zip',
    );
  });
});
