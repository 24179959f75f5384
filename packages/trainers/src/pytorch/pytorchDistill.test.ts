import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochEvent } from '@trainyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineDistillJob, ModelParams, PreparedData } from '../engine.js';
import { createPytorchEngine } from './pytorchEngine.js';
import { blobs, linear } from './testData.js';

const engine = createPytorchEngine({ slots: 1, threadsPerSlot: 1 });
const root = mkdtempSync(join(tmpdir(), 'trainyard-ptd-'));
const modelDir = () => mkdtempSync(join(root, 'm-'));
const teacherParams: ModelParams = {
  epochs: 15,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 32,
  numHiddenLayers: 2,
  dropout: 0,
  seed: 42,
};
const student: ModelParams = { ...teacherParams, hiddenDim: 4, numHiddenLayers: 1 };

async function teacherFor(data: PreparedData) {
  const teacherDir = modelDir();
  const trained = await engine.train({ data, params: teacherParams, modelDir: teacherDir });
  return { teacherDir, trained };
}

function job(
  data: PreparedData,
  teacherDir: string,
  extra: Partial<EngineDistillJob> = {},
): EngineDistillJob {
  return {
    data,
    teacherDir,
    teacherParams,
    student,
    temperature: 4,
    alpha: 0.7,
    compareScratch: false,
    modelDir: modelDir(),
    ...extra,
  };
}

let clf: PreparedData;
let teacher: Awaited<ReturnType<typeof teacherFor>>;

beforeAll(async () => {
  clf = blobs();
  teacher = await teacherFor(clf);
});

afterAll(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('PyTorch engine: distillation', () => {
  it('distils a saved teacher into a smaller student and scores both on the same test split', async () => {
    const events: EpochEvent[] = [];
    const j = job(clf, teacher.teacherDir, { compareScratch: true, onEpoch: (e) => events.push(e) });
    const result = await engine.distill(j);
    expect(result.metric_name).toBe('accuracy');
    // The teacher loaded from model.pt scores exactly what it scored when it was trained.
    expect(result.teacher_score).toBe(teacher.trained.metric_score);
    expect(result.teacher_parameters).toBe(teacher.trained.parameterCount);
    expect(result.student_parameters).toBe(4 * 4 + 4 + 4 * 3 + 3);
    expect(result.student_score).toBeGreaterThan(0.7);
    expect(result.agreement).toBeGreaterThan(0.7);
    expect(result.agreement).toBeLessThanOrEqual(1);
    expect(result.scratch_score).toBeGreaterThan(0);
    expect(events).toHaveLength(student.epochs);
    expect(result.history).toEqual(events);
    expect(result.files).toEqual(['model.pt', 'raw_model.pt', 'model.onnx']);
    expect(existsSync(join(j.modelDir, 'model.pt'))).toBe(true);
  });

  it('is deterministic for the same seed', async () => {
    const a = await engine.distill(job(clf, teacher.teacherDir));
    const b = await engine.distill(job(clf, teacher.teacherDir));
    expect(b.history).toEqual(a.history);
    expect(b.student_score).toBe(a.student_score);
    expect(a.scratch_score).toBeUndefined();
  });

  it('with alpha 0 is the same as training the student from scratch', async () => {
    const result = await engine.distill(job(clf, teacher.teacherDir, { alpha: 0, compareScratch: true }));
    expect(result.student_score).toBe(result.scratch_score);
  });

  it('distils a regression teacher with MSE and reports r2 agreement', async () => {
    const data = linear();
    const reg = await teacherFor(data);
    const result = await engine.distill(job(data, reg.teacherDir));
    expect(result.metric_name).toBe('r2');
    expect(result.teacher_score).toBe(reg.trained.metric_score);
    expect(result.student_score).toBeGreaterThan(0.5);
    expect(result.agreement).toBeGreaterThan(0.5);
  });

  it('rejects a teacher directory without model.pt as NOT_FOUND', async () => {
    await expect(engine.distill(job(clf, modelDir()))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'teacherModelId',
    });
  });

  it('rejects a teacher trained on data of another shape with a clear message', async () => {
    const other = blobs(240, 4, 2);
    await expect(engine.distill(job(other, teacher.teacherDir))).rejects.toMatchObject({
      code: 'TRAINING_FAILED',
      message: 'Teacher model does not fit this dataset (it has 3 outputs, expected 2)',
    });
  });

  it('rejects a teacher that takes another number of input features', async () => {
    await expect(engine.distill(job(blobs(240, 5, 3), teacher.teacherDir))).rejects.toMatchObject({
      code: 'TRAINING_FAILED',
      message: 'Teacher model does not fit this dataset (it does not take 5 input features)',
    });
  });

  it('rejects alpha outside [0, 1] naming the field', async () => {
    await expect(engine.distill(job(clf, teacher.teacherDir, { alpha: 1.5 }))).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'alpha',
    });
  });
});
