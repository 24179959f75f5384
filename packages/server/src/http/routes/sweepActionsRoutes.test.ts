import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_HEADERS, createTestApp, sweepBody, type TestApp } from '../../testing/testApp.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function finishedSweep(body: object = sweepBody) {
  const res = await t.app.inject({ method: 'POST', url: '/api/sweeps', payload: body });
  const { sweep } = res.json();
  return t.studio.sweeps.whenDone(sweep.id);
}
const modelDirs = () => {
  try {
    return readdirSync(join(t.home, 'models')).filter((d) => d.startsWith('m_'));
  } catch {
    return [];
  }
};

describe('sweep actions: labels, rerun, extend, delete', () => {
  it('names, tags and notes a sweep and a run, filters by tag, and names a bad label', async () => {
    const sweep = await finishedSweep();
    expect(sweep.best).toMatchObject({ metric_name: 'accuracy', validation: false });
    const patch = (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, payload });
    const res = await patch(`/api/sweeps/${sweep.id}`, {
      name: 'lr search',
      tags: ['lr', 'iris'],
      notes: 'first try',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().sweep).toMatchObject({ name: 'lr search', tags: ['lr', 'iris'], notes: 'first try' });
    expect((await t.app.inject('/api/sweeps?tag=lr')).json().sweeps).toHaveLength(1);
    expect((await t.app.inject('/api/sweeps?tag=other')).json().sweeps).toHaveLength(0);
    expect((await t.app.inject('/api/sweeps?text=LR%20search')).json().sweeps).toHaveLength(1);
    // An empty name restores the default one.
    expect((await patch(`/api/sweeps/${sweep.id}`, { name: '' })).json().sweep.name).toBeUndefined();

    const bad = await patch(`/api/sweeps/${sweep.id}`, { tags: 'lr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', field: 'tags' });
    expect((await t.app.inject('/api/sweeps?status=done')).json().error).toMatchObject({ field: 'status' });
    const missing = await patch('/api/sweeps/nope', { name: 'x' });
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });

    const [run] = (await t.app.inject(`/api/runs?sweepId=${sweep.id}`)).json().runs;
    const labelled = await patch(`/api/runs/${run.id}`, { name: 'keeper', tags: ['best'] });
    expect(labelled.json().run).toMatchObject({ id: run.id, name: 'keeper', tags: ['best'] });
    expect((await t.app.inject('/api/runs?tag=best')).json().runs.map((r: { id: string }) => r.id)).toEqual([
      run.id,
    ]);
    expect((await patch('/api/runs/nope', { name: 'x' })).statusCode).toBe(404);

    // A JSON null is a body, not "no patch": refused, and nothing changes.
    for (const url of [`/api/sweeps/${sweep.id}`, `/api/runs/${run.id}`]) {
      const nullBody = await t.app.inject({
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/json' },
        body: 'null',
      });
      expect(nullBody.statusCode).toBe(400);
      expect(nullBody.json().error.code).toBe('VALIDATION');
    }
    expect((await t.app.inject(`/api/runs/${run.id}`)).json().run).toMatchObject({ name: 'keeper' });
  });

  it('extends a sweep with new values and trains only the new combinations', async () => {
    const sweep = await finishedSweep();
    const before = t.fake.trained.length;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sweeps/${sweep.id}/extend`,
      payload: { batchSizes: '16, 32, 64' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().sweep).toMatchObject({
      status: 'running',
      total: 6,
      fields: { batchSizes: '16, 32, 64' },
    });
    const done = await t.studio.sweeps.whenDone(sweep.id);
    expect(done).toMatchObject({ status: 'completed', done: 6, total: 6 });
    const trained = t.fake.trained.slice(before);
    expect(trained.map((r) => r.batchSize)).toEqual([64, 64]);

    const dropped = await t.app.inject({
      method: 'POST',
      url: `/api/sweeps/${sweep.id}/extend`,
      payload: { batchSizes: '16' },
    });
    expect(dropped.json().error).toMatchObject({ code: 'VALIDATION', field: 'fields' });
    const same = await t.app.inject({ method: 'POST', url: `/api/sweeps/${sweep.id}/extend`, payload: {} });
    expect(same.json().error.message).toBe('The new lists add no combination to the sweep');
  });

  it('reruns a sweep with the same grid as a new sweep', async () => {
    const sweep = await finishedSweep();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sweeps/${sweep.id}/rerun`,
      headers: CLIENT_HEADERS,
    });
    expect(res.statusCode).toBe(201);
    const again = res.json().sweep;
    expect(again.id).not.toBe(sweep.id);
    expect(again.combinations).toEqual(sweep.combinations);
    expect(await t.studio.sweeps.whenDone(again.id)).toMatchObject({ status: 'completed', done: 4 });
  });

  it('deletes a sweep with its runs, keeping or removing their models, and refuses a running one', async () => {
    const kept = await finishedSweep();
    const del = (id: string, q = '') =>
      t.app.inject({ method: 'DELETE', url: `/api/sweeps/${id}${q}`, headers: CLIENT_HEADERS });
    const models = modelDirs().length;
    expect((await del(kept.id)).json().deleted).toEqual({ runs: 4, models: 0 });
    expect(modelDirs()).toHaveLength(models);
    expect((await t.app.inject(`/api/runs?sweepId=${kept.id}`)).json().runs).toHaveLength(0);
    expect((await t.app.inject(`/api/sweeps/${kept.id}`)).statusCode).toBe(404);

    const gone = await finishedSweep();
    expect((await del(gone.id, '?models=true')).json().deleted).toEqual({ runs: 4, models: 4 });
    expect(modelDirs()).toHaveLength(models);
    expect((await del(gone.id)).statusCode).toBe(404);
    expect((await del(kept.id, '?models=yes')).json().error).toMatchObject({ field: 'models' });

    const slow = await createTestApp({ fake: { delayMs: 200 } });
    try {
      const { sweep } = (
        await slow.app.inject({ method: 'POST', url: '/api/sweeps', payload: sweepBody })
      ).json();
      const refused = await slow.app.inject({
        method: 'DELETE',
        url: `/api/sweeps/${sweep.id}`,
        headers: CLIENT_HEADERS,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'CONFLICT', field: 'id' });
    } finally {
      await slow.close();
    }
  });
});
