import { describe, expect, it, vi } from 'vitest';
import { runPytorchDistillation, runTensorflowDistillation } from './distillation.js';
import { MlApiError } from './errors.js';
import type { CallOptions, DistillRequest, DistillResponse } from './types.js';

const request: DistillRequest = {
  teacherModelId: 'teacher-1',
  hiddenDim: 16,
  numHiddenLayers: 1,
  temperature: 4,
  alpha: 0.7,
  epochs: 20,
  batchSize: 32,
  learningRate: 0.01,
};

const response = (overrides: Partial<DistillResponse> = {}): DistillResponse => ({
  framework: 'pytorch',
  datasetId: 'iris',
  teacherModelId: 'teacher-1',
  metrics: {
    metric_name: 'accuracy',
    teacher_score: 0.97,
    student_score: 0.93,
    teacher_parameters: 17_000,
    student_parameters: 400,
    compression_ratio: 42.5,
    agreement: 0.95,
    train_loss: 0.2,
    test_loss: 0.25,
    temperature: 4,
    alpha: 0.7,
  },
  modelId: 'student-1',
  modelPath: '/models/student-1',
  student: {
    epochs: 20,
    batchSize: 32,
    learningRate: 0.01,
    testSize: 0.2,
    hiddenDim: 16,
    numHiddenLayers: 1,
    dropout: 0,
  },
  history: [],
  durationMs: 50,
  ...overrides,
});

describe('distillation orchestrators (REQ-004)', () => {
  it('AC-004 returns exactly { status: "error", error } when the distill API fails', async () => {
    const api = {
      distillPytorch: vi.fn(async () => Promise.reject(new MlApiError('NOT_FOUND', 'No model teacher-1'))),
    };
    const result = await runPytorchDistillation({ api, request });
    expect(result).toStrictEqual({ status: 'error', error: 'No model teacher-1' });
    expect(Object.keys(result).sort()).toEqual(['error', 'status']);
  });

  it('AC-004 also holds for TensorFlow and for errors that are not MlApiError', async () => {
    const api = { distillTensorflow: async () => Promise.reject('boom') };
    const result = await runTensorflowDistillation({ api, request });
    expect(result).toStrictEqual({ status: 'error', error: 'Unexpected error' });
  });

  it('returns metrics, the student model and its run row on success', async () => {
    const api = {
      distillPytorch: vi.fn(async (_r: DistillRequest, _o?: CallOptions) => response({ runId: 'run-9' })),
    };
    const result = await runPytorchDistillation({ api, request });
    expect(result).toStrictEqual({
      status: 'ok',
      metrics: response().metrics,
      modelId: 'student-1',
      modelPath: '/models/student-1',
      distilledRun: {
        id: 'run-9',
        framework: 'pytorch',
        datasetId: 'iris',
        ...response().student,
        result: 'completed',
        metric_name: 'accuracy',
        metric_score: 0.93,
        train_loss: 0.2,
        test_loss: 0.25,
        modelId: 'student-1',
        modelPath: '/models/student-1',
      },
    });
  });

  it('passes the request, the signal and the epoch hook to the api, and names an unstored row', async () => {
    const signal = new AbortController().signal;
    const onEpoch = vi.fn();
    const api = {
      distillTensorflow: vi.fn(async (_r: DistillRequest, o?: CallOptions) => {
        o?.onEpoch?.({ epoch: 1, epochs: 1, train_loss: 1, test_loss: 1 });
        return response({ framework: 'tensorflow' });
      }),
    };
    const result = await runTensorflowDistillation({
      api,
      request,
      signal,
      onEpoch,
      idGenerator: () => 'gen-1',
    });
    expect(api.distillTensorflow).toHaveBeenCalledWith(request, expect.objectContaining({ signal }));
    expect(onEpoch).toHaveBeenCalledTimes(1);
    expect(result.status === 'ok' && result.distilledRun).toMatchObject({
      id: 'gen-1',
      framework: 'tensorflow',
    });
  });

  it('REQ-004 returns { status: "error", error } for a malformed answer instead of throwing', async () => {
    const { student: _student, ...noStudent } = response();
    const answers = [
      noStudent,
      { ...response(), metrics: undefined },
      { ...response(), modelId: undefined },
      null,
    ] as unknown as DistillResponse[];
    for (const answer of answers) {
      const pytorch = await runPytorchDistillation({ api: { distillPytorch: async () => answer }, request });
      const tensorflow = await runTensorflowDistillation({
        api: { distillTensorflow: async () => answer },
        request,
      });
      for (const result of [pytorch, tensorflow]) {
        expect(Object.keys(result).sort()).toEqual(['error', 'status']);
        expect(result).toMatchObject({
          status: 'error',
          error: expect.stringMatching(/^The backend's distillation answer is malformed/),
        });
      }
    }
    const missingStudent = await runPytorchDistillation({
      api: { distillPytorch: async () => noStudent as DistillResponse },
      request,
    });
    expect(missingStudent).toMatchObject({ error: expect.stringContaining('student') });
  });
});
