import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_HEADERS,
  createTestApp,
  expectStillServing,
  type TestApp,
  trainBody,
} from '../../testing/testApp.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const trainModel = async () =>
  (await t.app.inject({ method: 'POST', url: '/api/pytorch/train', payload: trainBody })).json() as {
    modelId: string;
    runId: string;
  };

/** Entry names of a zip, read by Python's zipfile (a reader that is not ours). */
function zipNames(zip: Buffer): string[] {
  const file = join(t.home, 'download.zip');
  writeFileSync(file, zip);
  const script = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
  return execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim().split('\n').sort();
}

describe('model routes', () => {
  it('lists and shows the model a training saved', async () => {
    const { modelId, runId } = await trainModel();
    const { models } = (await t.app.inject('/api/models')).json();
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ modelId, runId, framework: 'pytorch', metric_name: 'accuracy' });
    expect(models[0].params).toMatchObject({ testSize: 0.2, epochs: 2, seed: 42 });
    expect((await t.app.inject(`/api/models/${modelId}`)).json().model.modelId).toBe(modelId);
  });

  it('downloads a zip named after dataset, framework and run, with the model files, metadata.json and a README', async () => {
    const { modelId, runId } = await trainModel();
    const res = await t.app.inject(`/api/models/${modelId}/download`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="iris-pytorch-run-${runId.slice(0, 8)}-${modelId}.zip"`,
    );
    expect(zipNames(res.rawPayload)).toEqual(['README.md', 'metadata.json', 'model.json']);
  });

  it('reports the run a model came from, and only its id once that run is deleted', async () => {
    const { modelId, runId } = await trainModel();
    const model = (await t.app.inject(`/api/models/${modelId}`)).json().model;
    expect(model.run).toMatchObject({ id: runId, kind: 'train' });
    await t.app.inject({ method: 'DELETE', url: `/api/runs/${runId}`, headers: CLIENT_HEADERS });
    const [orphan] = (await t.app.inject('/api/models')).json().models;
    expect(orphan).toMatchObject({ modelId, runId });
    expect(orphan.run).toBeUndefined();
  });

  it('deletes the files, then the row, and clears the run link', async () => {
    const { modelId, runId } = await trainModel();
    const dir = t.studio.local.models.dir(modelId);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/models/${modelId}`, headers: CLIENT_HEADERS }))
        .statusCode,
    ).toBe(204);
    expect(existsSync(dir)).toBe(false);
    expect((await t.app.inject(`/api/models/${modelId}`)).statusCode).toBe(404);
    expect((await t.app.inject(`/api/runs/${runId}`)).json().run.modelId).toBeUndefined();
  });

  it('answers unknown and malformed model ids with 404 and 400', async () => {
    const missing = await t.app.inject('/api/models/m_aaaaaaaaaaaaaaaa/download');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('GET /api/models lists them');
    const bad = await t.app.inject('/api/models/..%2F..%2Fsecret');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', field: 'id' });
    await expectStillServing(t.app);
  });
});
