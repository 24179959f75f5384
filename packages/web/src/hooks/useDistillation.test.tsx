import { act, cleanup } from '@testing-library/react';
import type { DistillRequest } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { callSignal, createFakeMlApi, rejectOnAbort } from '../testing/fakeMlApi.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { usePytorchDistillation } from './usePytorchDistillation.js';
import { useTensorflowDistillation } from './useTensorflowDistillation.js';

afterEach(cleanup);

describe('usePytorchDistillation', () => {
  it('cannot run before a teacher is chosen', () => {
    const { result } = renderWithApi(() => usePytorchDistillation(), createFakeMlApi());
    expect(result.current.canRun).toBe(false);
  });

  it('REQ-004: an ok result carries metrics, the student model and its run row', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => usePytorchDistillation(), api);
    act(() => {
      result.current.setTeacherModelId('teacher-1');
      result.current.setField('alpha', '0.5');
    });
    await act(() => result.current.run());
    const req = api.calls[0]?.args[0] as DistillRequest;
    expect(api.calls[0]?.method).toBe('distillPytorch');
    expect(req).toMatchObject({
      teacherModelId: 'teacher-1',
      alpha: 0.5,
      temperature: 4,
      hiddenDim: 16,
      numHiddenLayers: 1,
    });
    const { state } = result.current;
    expect(state.status).toBe('done');
    if (state.status !== 'done' || state.result.status !== 'ok') throw new Error('expected an ok result');
    expect(state.result.modelId).toBe('student-1');
    expect(state.result.metrics.compression_ratio).toBeCloseTo(30.67, 1);
    expect(state.result.distilledRun).toMatchObject({ id: 'run-student-1', metric_score: 0.95 });
  });

  it('AC-004: a downstream error gives exactly { status: "error", error } and no success fields', async () => {
    const api = createFakeMlApi();
    api.distill = async () => {
      throw new Error('Teacher model not found: nope');
    };
    const { result } = renderWithApi(() => usePytorchDistillation(), api);
    act(() => result.current.setTeacherModelId('nope'));
    await act(() => result.current.run());
    expect(result.current.state).toEqual({
      status: 'done',
      result: { status: 'error', error: 'Teacher model not found: nope' },
    });
  });

  it('words student errors like the server and blocks the run', () => {
    const { result } = renderWithApi(() => usePytorchDistillation(), createFakeMlApi());
    act(() => {
      result.current.setTeacherModelId('t');
      result.current.setField('alpha', '2');
      result.current.setField('hiddenDim', '16,32');
    });
    expect(result.current.errors).toEqual({
      alpha: 'Alpha out of range (0-1): 2',
      hiddenDim: 'Hidden dim takes one value: 16,32',
    });
    expect(result.current.canRun).toBe(false);
  });

  it('cancel aborts the distillation in flight', async () => {
    const api = createFakeMlApi();
    api.distill = (_req, o) => rejectOnAbort(o?.signal);
    const { result } = renderWithApi(() => usePytorchDistillation(), api);
    act(() => result.current.setTeacherModelId('t'));
    let finished!: Promise<void>;
    act(() => {
      finished = result.current.run();
    });
    expect(result.current.state.status).toBe('running');
    act(() => result.current.cancel());
    await act(() => finished);
    expect(callSignal(api).aborted).toBe(true);
    expect(result.current.state.status).toBe('cancelled');
  });
});

describe('useTensorflowDistillation', () => {
  it('calls the TensorFlow distillation route', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => useTensorflowDistillation(), api);
    act(() => result.current.setTeacherModelId('tf-teacher'));
    await act(() => result.current.run());
    expect(api.calls.map((c) => c.method)).toEqual(['distillTensorflow']);
  });
});
