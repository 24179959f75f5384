import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../store/createStore.js';
import type { ProcessOwner } from '../../store/processOwner.js';
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

const train = async (url: string, body: object) =>
  (await t.app.inject({ method: 'POST', url, payload: body })).json().runId as string;

describe('run routes', () => {
  it('lists runs newest first and filters by framework and dataset', async () => {
    const first = await train('/api/pytorch/train', trainBody);
    const second = await train('/api/tensorflow/train', trainBody);
    const all = (await t.app.inject('/api/runs')).json().runs.map((r: { id: string }) => r.id);
    expect(all).toEqual([second, first]);
    const tf = (await t.app.inject('/api/runs?framework=tensorflow')).json().runs;
    expect(tf.map((r: { id: string }) => r.id)).toEqual([second]);
    expect((await t.app.inject('/api/runs?datasetId=wine')).json().runs).toEqual([]);
  });

  it('rejects a bad filter naming it', async () => {
    const res = await t.app.inject('/api/runs?framework=jax');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'VALIDATION',
      field: 'framework',
      message: 'Framework must be pytorch or tensorflow: "jax"',
    });
    await expectStillServing(t.app);
  });

  it('deletes a run, then answers 404 for it', async () => {
    const id = await train('/api/pytorch/train', trainBody);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}`, headers: CLIENT_HEADERS })).statusCode,
    ).toBe(204);
    const gone = await t.app.inject(`/api/runs/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe(`No run with id "${id}" (GET /api/runs lists them)`);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}`, headers: CLIENT_HEADERS })).statusCode,
    ).toBe(404);
  });

  it('refuses to delete a run still training, but deletes one its process left behind', async () => {
    const insert = async (owner: ProcessOwner, id: string) => {
      const theirs = await createStore({ file: t.studio.store.file, owner });
      await theirs.runs.insert({
        id,
        framework: 'pytorch',
        kind: 'train',
        datasetId: 'iris',
        seed: 42,
        combination: trainBody,
        createdAt: new Date().toISOString(),
      });
      await theirs.close();
    };
    await insert(t.studio.store.owner, 'live');
    // Written by a process that died after this studio started (its pid is ours, its start time is not).
    await insert({ ...t.studio.store.owner, token: 'a process that crashed' }, 'orphan');
    const live = await t.app.inject({ method: 'DELETE', url: '/api/runs/live', headers: CLIENT_HEADERS });
    expect(live.statusCode).toBe(409);
    expect(live.json().error.message).toBe('Run "live" is still running');
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/runs/orphan', headers: CLIENT_HEADERS })).statusCode,
    ).toBe(204);
  });

  it("deletes the run's model too with ?deleteModel=true, and keeps it (naming the run) without", async () => {
    const del = (id: string, query = '') =>
      t.app.inject({ method: 'DELETE', url: `/api/runs/${id}${query}`, headers: CLIENT_HEADERS });
    const kept = await train('/api/pytorch/train', trainBody);
    const keptModel = (await t.app.inject(`/api/runs/${kept}`)).json().run.modelId as string;
    expect((await del(kept)).statusCode).toBe(204);
    expect((await t.app.inject(`/api/models/${keptModel}`)).json().model.runId).toBe(kept);

    const gone = await train('/api/pytorch/train', trainBody);
    const goneModel = (await t.app.inject(`/api/runs/${gone}`)).json().run.modelId as string;
    expect((await del(gone, '?deleteModel=yes')).json().error).toMatchObject({
      code: 'VALIDATION',
      field: 'deleteModel',
    });
    expect((await del(gone, '?deleteModel=true')).statusCode).toBe(204);
    expect((await t.app.inject(`/api/models/${goneModel}`)).statusCode).toBe(404);
    expect(
      (await t.app.inject('/api/models')).json().models.map((m: { modelId: string }) => m.modelId),
    ).toEqual([keptModel]);
  });

  it('validates run ids before looking them up', async () => {
    const res = await t.app.inject('/api/runs/a.b');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'id' });
  });
});
