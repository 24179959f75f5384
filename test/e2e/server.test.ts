// The REAL built studio as a subprocess (node packages/server/dist/main.js) on an ephemeral port
// with a temporary TRAINYARD_HOME, real PyTorch and TensorFlow.js engines, iris and few epochs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DistillResponse, ModelSummary, StoredRun, SweepRecord, TrainResponse } from '@trainyard/core';
import { modelArchiveName } from '@trainyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  noOtherCounts,
  readSse,
  type ServerProcess,
  type SweepView,
  slowSweep,
  startServerProcess,
  sweep,
} from './serverHarness.js';

const train = {
  datasetId: 'iris',
  epochs: 15,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 32,
  numHiddenLayers: 2,
  dropout: 0,
};

function zipNames(zip: ArrayBuffer, dir: string): string[] {
  const file = join(dir, 'download.zip');
  writeFileSync(file, Buffer.from(zip));
  const script = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
  return execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim().split('\n').sort();
}

describe('studio server over HTTP with real engines', () => {
  let home: string;
  let server: ServerProcess;
  const url = (path: string) => `${server.url}${path}`;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-server-e2e-'));
    server = await startServerProcess({ TRAINYARD_HOME: home });
  });
  afterAll(async () => {
    if (!server) return;
    const exit = await server.stop('SIGTERM');
    rmSync(home, { recursive: true, force: true });
    // Graceful shutdown: a clean exit, not a crash.
    expect(exit.code).toBe(0);
  });

  it('binds loopback and reports both engines available', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await call<{ status: string; engines: Record<string, { available: boolean }> }>(
      'GET',
      url('/api/health'),
    );
    expect(health.body.status).toBe('ok');
    expect(health.body.engines.pytorch?.available).toBe(true);
    expect(health.body.engines.tensorflow?.available).toBe(true);
  });

  let pytorchRun: TrainResponse;
  it('trains with both frameworks, distils, and lists the runs newest first', async () => {
    const pt = await call<TrainResponse>('POST', url('/api/pytorch/train'), train);
    expect(pt.status).toBe(200);
    expect(pt.body.metric_name).toBe('accuracy');
    expect(pt.body.metric_score).toBeGreaterThan(0.6);
    pytorchRun = pt.body;
    const tf = await call<TrainResponse>('POST', url('/api/tensorflow/train'), { ...train, mode: 'mlp' });
    expect(tf.status).toBe(200);
    expect(tf.body.history).toHaveLength(15);

    const distilled = await call<DistillResponse>('POST', url('/api/pytorch/distill'), {
      teacherModelId: pt.body.modelId,
      hiddenDim: 8,
      numHiddenLayers: 1,
      temperature: 4,
      alpha: 0.7,
      epochs: 15,
      batchSize: 16,
      learningRate: 0.02,
    });
    expect(distilled.status).toBe(200);
    expect(distilled.body.metrics.student_parameters).toBeLessThan(distilled.body.metrics.teacher_parameters);

    const { body } = await call<{ runs: StoredRun[] }>('GET', url('/api/runs'));
    expect(body.runs.map((r) => r.id)).toEqual([distilled.body.runId, tf.body.runId, pt.body.runId]);
    expect(body.runs.map((r) => [r.kind, r.result])).toEqual([
      ['distill', 'completed'],
      ['train', 'completed'],
      ['train', 'completed'],
    ]);
    const models = await call<{ models: ModelSummary[] }>('GET', url('/api/models'));
    expect(models.body.models.map((m) => m.modelId).sort()).toEqual(
      [pt.body.modelId, tf.body.modelId, distilled.body.modelId].sort(),
    );
  });

  it('downloads a model as a zip named after dataset, framework and run, with its files, metadata.json and a README', async () => {
    const model = (await call<{ model: ModelSummary }>('GET', url(`/api/models/${pytorchRun.modelId}`))).body
      .model;
    const res = await fetch(url(`/api/models/${pytorchRun.modelId}/download`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${modelArchiveName(model)}"`);
    expect(modelArchiveName(model)).toMatch(
      new RegExp(`^${model.datasetId}-pytorch-run-.*-${model.modelId}\\.zip$`),
    );
    const names = zipNames(await res.arrayBuffer(), home);
    expect(names).toContain('metadata.json');
    expect(names).toContain('README.md');
    for (const file of model.files) expect(names).toContain(file);
  });

  it('selects on a validation split with early stopping and stores the selection fields', async () => {
    const bad = await call<{ error: { field: string; message: string } }>('POST', url('/api/pytorch/train'), {
      ...train,
      patience: 3,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      field: 'patience',
      message: 'Patience needs a validation split (validationSize above 0) or folds: 3',
    });

    const res = await call<TrainResponse>('POST', url('/api/tensorflow/train'), {
      ...train,
      epochs: 200,
      validationSize: 0.25,
      patience: 3,
    });
    expect(res.status).toBe(200);
    const { best_epoch, stopped_epoch, val_score } = res.body;
    expect(stopped_epoch).toBeLessThan(200);
    expect(stopped_epoch! - best_epoch!).toBe(3);
    expect(res.body.history[best_epoch! - 1]!.val_score).toBe(val_score);
    const { body } = await call<{ runs: StoredRun[] }>('GET', url('/api/runs'));
    expect(body.runs.find((r) => r.id === res.body.runId)).toMatchObject({
      val_score,
      best_epoch,
      stopped_epoch,
      pruned: false,
      metric_score: res.body.metric_score,
    });
  });

  it('runs a 4-combination sweep and streams it over SSE to the end', async () => {
    const created = await call<{ sweep: SweepRecord }>(
      'POST',
      url('/api/sweeps'),
      sweep({ framework: 'tensorflow', concurrency: 2 }),
    );
    expect(created.status).toBe(201);
    const id = created.body.sweep.id;
    const events = await readSse(url(`/api/sweeps/${id}/events`));
    expect(events.at(-1)).toEqual({ event: 'done', data: { type: 'done', status: 'completed' } });
    expect(events.filter((e) => e.event === 'row')).toHaveLength(4);
    expect(events.filter((e) => e.event === 'progress').at(-1)?.data).toEqual({
      ...noOtherCounts,
      type: 'progress',
      done: 4,
      total: 4,
    });
    const view = (await call<SweepView>('GET', url(`/api/sweeps/${id}`))).body;
    expect(view.runs.map((r) => [r.combinationIndex, r.result])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
      [3, 'completed'],
    ]);
    expect(view.runs.every((r) => typeof r.metric_score === 'number')).toBe(true);
  });

  it('cancels a sweep while a combination is training', async () => {
    const created = await call<{ sweep: SweepRecord }>('POST', url('/api/sweeps'), slowSweep());
    const id = created.body.sweep.id;
    await readSse(url(`/api/sweeps/${id}/events`), (e) => (e.event === 'epoch' ? 'stop' : undefined));
    const cancelled = await call<{ sweep: SweepRecord }>('POST', url(`/api/sweeps/${id}/cancel`));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.sweep.status).toBe('cancelled');
    const view = (await call<SweepView>('GET', url(`/api/sweeps/${id}`))).body;
    expect(view.runs.length).toBeLessThan(4);
    expect(view.runs.at(-1)).toMatchObject({ result: 'failed', metric_score: 'n/a' });
    expect(view.runs.some((r) => r.result === 'running')).toBe(false);
  });

  it('answers bad input with 4xx and keeps serving', async () => {
    const bad = await call<{ error: { field: string; message: string } }>(
      'POST',
      url('/api/sweeps'),
      sweep({ epochValues: '0,10' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'epochValues', message: 'Epoch out of range (1-500): 0' });
    const malformed = await fetch(url('/api/pytorch/train'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"epochs":',
    });
    expect(malformed.status).toBe(400);
    expect((await call('GET', url('/api/models/m_aaaaaaaaaaaaaaaa'))).status).toBe(404);
    expect((await call('GET', url('/api/health'))).status).toBe(200);
  });
});

describe('studio server after kill -9 mid-sweep', () => {
  let home: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'trainyard-server-kill-'));
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('marks the interrupted run failed and the sweep interrupted, then resumes without retraining', async () => {
    server = await startServerProcess({ TRAINYARD_HOME: home });
    const first = server.url;
    const created = await call<{ sweep: SweepRecord }>('POST', `${first}/api/sweeps`, slowSweep());
    const id = created.body.sweep.id;
    // Kill while the second combination is training: one row completed, one left 'running'.
    await readSse(`${first}/api/sweeps/${id}/events`, (e) =>
      e.event === 'epoch' && e.data.combinationIndex === 1 ? 'stop' : undefined,
    );
    expect((await server.stop('SIGKILL')).signal).toBe('SIGKILL');

    server = await startServerProcess({ TRAINYARD_HOME: home });
    const base = server.url;
    const after = (await call<SweepView>('GET', `${base}/api/sweeps/${id}`)).body;
    expect(after.sweep.status).toBe('interrupted');
    const completedBefore = after.runs.filter((r) => r.result === 'completed');
    expect(completedBefore.map((r) => r.combinationIndex)).toEqual([0]);
    expect(after.runs.find((r) => r.combinationIndex === 1)).toMatchObject({
      result: 'failed',
      error: 'interrupted',
      stopReason: 'interrupted',
    });
    // Issue 10 item 13: the interrupted combination is not counted as done.
    expect(after.sweep).toMatchObject({ done: 1, interrupted: 1 });

    const resumed = await call<{ sweep: SweepRecord }>('POST', `${base}/api/sweeps/${id}/resume`);
    expect(resumed.status).toBe(202);
    const events = await readSse(`${base}/api/sweeps/${id}/events`);
    expect(events.at(-1)?.data).toEqual({ type: 'done', status: 'completed' });

    const final = (await call<SweepView>('GET', `${base}/api/sweeps/${id}`)).body;
    expect(final.sweep).toMatchObject({ status: 'completed', done: 4, total: 4 });
    const completed = final.runs.filter((r) => r.result === 'completed');
    // Nothing trained twice: exactly one completed row per combination, and combination 0 kept its row.
    expect(completed.map((r) => r.combinationIndex)).toEqual([0, 1, 2, 3]);
    expect(completed[0]!.id).toBe(completedBefore[0]!.id);
    // Nothing lost: the interrupted attempt is still on record, and every completed row has its model.
    expect(final.runs.filter((r) => r.error === 'interrupted')).toHaveLength(1);
    for (const run of completed) {
      expect((await call('GET', `${base}/api/models/${run.modelId}`)).status).toBe(200);
    }
  });

  it('on SIGTERM mid-sweep ends the event stream, exits 0 and leaves the sweep interrupted', async () => {
    server = await startServerProcess({ TRAINYARD_HOME: home });
    const base = server.url;
    const created = await call<{ sweep: SweepRecord }>('POST', `${base}/api/sweeps`, slowSweep());
    const id = created.body.sweep.id;
    let signalled: Promise<{ code: number | null }> | undefined;
    const events = await readSse(`${base}/api/sweeps/${id}/events`, (e) => {
      if (e.event === 'epoch' && !signalled) signalled = server!.stop('SIGTERM');
      return undefined;
    });
    // The stream was ended by the server with a final `done`, not cut.
    expect(events.at(-1)?.data).toEqual({ type: 'done', status: 'interrupted' });
    expect((await signalled)?.code).toBe(0);

    server = await startServerProcess({ TRAINYARD_HOME: home });
    const view = (await call<SweepView>('GET', `${server.url}/api/sweeps/${id}`)).body;
    expect(view.sweep.status).toBe('interrupted');
    expect(view.runs.length).toBeGreaterThan(0);
    expect(view.runs.some((r) => r.result === 'running')).toBe(false);
    expect(view.runs.at(-1)).toMatchObject({ result: 'failed', error: 'interrupted' });
  });
});
