import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectStillServing, type TestApp, trainBody } from '../../testing/testApp.js';

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
    expect((await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}` })).statusCode).toBe(204);
    const gone = await t.app.inject(`/api/runs/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe(`No run with id "${id}" (GET /api/runs lists them)`);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}` })).statusCode).toBe(404);
  });

  it('validates run ids before looking them up', async () => {
    const res = await t.app.inject('/api/runs/a.b');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'id' });
  });
});
