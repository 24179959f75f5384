import { MlApiError } from '@trainyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectStillServing,
  parseSse,
  type TestApp,
  trainBody,
} from '../../testing/testApp.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({
    fake: {
      failWhen: (r) =>
        r.learningRate === 0.5
          ? 'Loss became NaN'
          : r.learningRate === 0.25
            ? new MlApiError('ENGINE_UNAVAILABLE', 'PyTorch is not installed: apt-get install python3-torch')
            : undefined,
    },
  });
});
afterEach(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

const distillBody = {
  hiddenDim: 8,
  numHiddenLayers: 1,
  temperature: 4,
  alpha: 0.7,
  epochs: 2,
  batchSize: 16,
  learningRate: 0.01,
};

describe('training routes', () => {
  it('trains, answers one JSON body with the run id, and stores the run', async () => {
    const res = await post('/api/pytorch/train', trainBody);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      framework: 'pytorch',
      datasetId: 'iris',
      metric_name: 'accuracy',
      runId: expect.any(String),
    });
    const run = (await t.app.inject(`/api/runs/${body.runId}`)).json().run;
    expect(run).toMatchObject({
      result: 'completed',
      modelId: body.modelId,
      kind: 'train',
      seed: 42,
    });
  });

  it('stores tensorflow runs with their mode', async () => {
    const res = await post('/api/tensorflow/train', { ...trainBody, mode: 'linear' });
    expect(res.statusCode).toBe(200);
    const run = (await t.app.inject(`/api/runs/${res.json().runId}`)).json().run;
    expect(run).toMatchObject({ framework: 'tensorflow', mode: 'linear' });
  });

  it('streams epoch lines then the result as NDJSON', async () => {
    const res = await post('/api/pytorch/train', trainBody, { accept: 'application/x-ndjson' });
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['epoch', 'epoch', 'result']);
    expect(lines[0]).toEqual({ type: 'epoch', epoch: 1, epochs: 2, train_loss: 1, test_loss: 1.1 });
    expect(lines[2].result.runId).toEqual(expect.any(String));
  });

  it('streams the same events over SSE, and a failure as an error event', async () => {
    const ok = parseSse((await post('/api/pytorch/train', trainBody, { accept: 'text/event-stream' })).body);
    expect(ok.map((e) => e.event)).toEqual(['epoch', 'epoch', 'result']);
    const failed = parseSse(
      (await post('/api/pytorch/train', { ...trainBody, learningRate: 0.5 }, { accept: 'text/event-stream' }))
        .body,
    );
    expect(failed.at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { code: 'TRAINING_FAILED', message: 'Loss became NaN' } },
    });
  });

  it('answers a failed training with 422 and keeps a failed DR-003 row', async () => {
    const res = await post('/api/pytorch/train', { ...trainBody, learningRate: 0.5 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toEqual({ code: 'TRAINING_FAILED', message: 'Loss became NaN' });
    const [run] = (await t.app.inject('/api/runs')).json().runs;
    expect(run).toMatchObject({
      result: 'failed',
      metric_score: 'n/a',
      test_loss: 'n/a',
      error: 'Loss became NaN',
    });
  });

  it('answers a missing engine with 503 and how to install it', async () => {
    const res = await post('/api/pytorch/train', { ...trainBody, learningRate: 0.25 });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({
      code: 'ENGINE_UNAVAILABLE',
      message: 'PyTorch is not installed: apt-get install python3-torch',
    });
    await expectStillServing(t.app);
  });

  it('rejects out-of-range values and wrong types with the validator message and field', async () => {
    const cases: Array<[object, string, string]> = [
      [{ epochs: 0 }, 'epochs', 'Epoch out of range (1-500): 0'],
      [{ epochs: 'ten' }, 'epochs', 'Epoch is not a number: "ten"'],
      [{ batchSize: 2.5 }, 'batchSize', 'Batch size must be a whole number: 2.5'],
      [{ testSize: 1 }, 'testSize', 'Test size out of range (exclusive 0-1): 1'],
      [{ learningRate: 0 }, 'learningRate', 'Learning rate out of range (above 0 up to 1): 0'],
      [{ datasetId: '../etc' }, 'datasetId', 'Dataset id must be 1-100 letters, digits, _ or -: "../etc"'],
    ];
    for (const [patch, field, message] of cases) {
      const res = await post('/api/pytorch/train', { ...trainBody, ...patch });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'VALIDATION', field, message });
    }
    const mode = await post('/api/tensorflow/train', { ...trainBody, mode: 'cubic' });
    expect(mode.json().error).toEqual({
      code: 'VALIDATION',
      field: 'mode',
      message: 'Mode must be mlp or linear: "cubic"',
    });
    const notObject = await post('/api/pytorch/train', [1, 2]);
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().error.field).toBe('body');
    expect((await t.app.inject('/api/runs')).json().runs).toEqual([]);
    await expectStillServing(t.app);
  });

  it('answers an unknown dataset with 404 naming datasetId, storing no run', async () => {
    const res = await post('/api/pytorch/train', { ...trainBody, datasetId: 'nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'datasetId' });
    expect((await t.app.inject('/api/runs')).json().runs).toEqual([]);
  });

  it('answers distillation of an unknown teacher with 404 and a bad temperature with 400', async () => {
    const distill = { ...distillBody, teacherModelId: 'm_aaaaaaaaaaaaaaaa' };
    const missing = await post('/api/pytorch/distill', distill);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'teacherModelId' });
    const hot = await post('/api/tensorflow/distill', { ...distill, temperature: 0 });
    expect(hot.statusCode).toBe(400);
    expect(hot.json().error).toMatchObject({
      field: 'temperature',
      message: 'Temperature out of range (above 0 up to 100): 0',
    });
    await expectStillServing(t.app);
  });

  it('refuses a teacher of the other framework', async () => {
    const teacher = (await post('/api/tensorflow/train', trainBody)).json().modelId;
    const res = await post('/api/pytorch/distill', { ...distillBody, teacherModelId: teacher });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'teacherModelId' });
    expect(res.json().error.message).toMatch(
      new RegExp(`^Teacher ${teacher} is a TensorFlow model; distil it with the TensorFlow engine`),
    );
  });

  it('refuses a teacher of another dataset before storing a distillation run', async () => {
    const teacher = (await post('/api/pytorch/train', trainBody)).json().modelId;
    const res = await post('/api/pytorch/distill', {
      ...distillBody,
      teacherModelId: teacher,
      datasetId: 'wine',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'VALIDATION',
      field: 'datasetId',
      message: `Teacher ${teacher} was trained on iris, not on wine`,
    });
    const runs = (await t.app.inject('/api/runs')).json().runs as Array<{ kind: string }>;
    expect(runs.map((r) => r.kind)).toEqual(['train']);
  });
});
