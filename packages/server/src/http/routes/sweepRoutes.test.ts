import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_HEADERS,
  createTestApp,
  expectStillServing,
  parseSse,
  sweepBody,
  type TestApp,
} from '../../testing/testApp.js';

/** Progress of a sweep whose every combination completed: no other count. */
const noOtherCounts = { failed: 0, cancelled: 0, interrupted: 0, stopped: 0 };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const create = (body: object) => t.app.inject({ method: 'POST', url: '/api/sweeps', payload: body });

describe('sweep routes', () => {
  it('creates a sweep and streams it to the end over SSE', async () => {
    const res = await create(sweepBody);
    expect(res.statusCode).toBe(201);
    const { sweep } = res.json();
    expect(sweep).toMatchObject({ status: 'running', total: 4, fields: { epochValues: '2', mode: 'mlp' } });
    const stream = await t.app.inject(`/api/sweeps/${sweep.id}/events`);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(stream.body);
    expect(events.filter((e) => e.event === 'row')).toHaveLength(4);
    expect(events.at(-1)).toEqual({ event: 'done', data: { type: 'done', status: 'completed' } });
    const progress = events.filter((e) => e.event === 'progress').at(-1);
    expect(progress?.data).toEqual({ ...noOtherCounts, type: 'progress', done: 4, total: 4 });

    const read = (await t.app.inject(`/api/sweeps/${sweep.id}`)).json();
    expect(read.sweep).toMatchObject({ status: 'completed', done: 4 });
    expect(read.runs.map((r: { combinationIndex: number }) => r.combinationIndex)).toEqual([0, 1, 2, 3]);
    expect((await t.app.inject(`/api/runs?sweepId=${sweep.id}`)).json().runs).toHaveLength(4);
    expect((await t.app.inject('/api/sweeps')).json().sweeps.map((s: { id: string }) => s.id)).toEqual([
      sweep.id,
    ]);
  });

  it('keeps fused: false with the sweep fields (JSON, no migration)', async () => {
    const { sweep } = (await create({ ...sweepBody, fused: false })).json();
    expect(sweep.fields.fused).toBe(false);
    expect((await t.app.inject(`/api/sweeps/${sweep.id}`)).json().sweep.fields.fused).toBe(false);
  });

  it('rejects bad fields with the validator message and the field', async () => {
    const cases: Array<[object, string, string]> = [
      [{ epochValues: '0,10' }, 'epochValues', 'Epoch out of range (1-500): 0'],
      [{ epochValues: 10 }, 'epochValues', 'Epoch values must be text like "10, 20": 10'],
      [{ dropouts: '0.95' }, 'dropouts', 'Dropout out of range (0-0.9): 0.95'],
      [{ framework: 'jax' }, 'framework', 'Framework must be pytorch or tensorflow: "jax"'],
      [{ concurrency: 0 }, 'concurrency', 'Concurrency out of range (1-64): 0'],
      [{ fused: 'no' }, 'fused', 'Fused must be true or false: "no"'],
    ];
    for (const [patch, field, message] of cases) {
      const res = await create({ ...sweepBody, ...patch });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'VALIDATION', field, message });
    }
    const unknown = await create({ ...sweepBody, datasetId: 'nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('datasetId');
    expect((await t.app.inject('/api/sweeps')).json().sweeps).toEqual([]);
    await expectStillServing(t.app);
  });

  it('answers unknown sweeps with 404 on every route', async () => {
    for (const [method, url] of [
      ['GET', '/api/sweeps/nope'],
      ['GET', '/api/sweeps/nope/events'],
      ['POST', '/api/sweeps/nope/cancel'],
      ['POST', '/api/sweeps/nope/resume'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: CLIENT_HEADERS });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('No sweep with id "nope" (GET /api/sweeps lists them)');
    }
  });

  it('lists a run still training as running (not failed) with n/a metrics until it ends', async () => {
    await t.close();
    t = await createTestApp({ fake: { delayMs: 60_000 } });
    const started = t.fake.nextStart();
    const { sweep } = (await create({ ...sweepBody, concurrency: 1 })).json();
    await started;
    const midway = {
      result: 'running',
      metric_name: 'n/a',
      metric_score: 'n/a',
      train_loss: 'n/a',
      test_loss: 'n/a',
    };
    expect((await t.app.inject('/api/runs')).json().runs).toEqual([expect.objectContaining(midway)]);
    expect((await t.app.inject(`/api/sweeps/${sweep.id}`)).json().runs).toEqual([
      expect.objectContaining({ ...midway, combinationIndex: 0 }),
    ]);
    await t.app.inject({ method: 'POST', url: `/api/sweeps/${sweep.id}/cancel`, headers: CLIENT_HEADERS });
    const [cancelled] = (await t.app.inject('/api/runs')).json().runs;
    expect(cancelled).toMatchObject({ result: 'failed', metric_score: 'n/a' });
    expect(cancelled).not.toHaveProperty('status');
  });

  it('cancels a running sweep, refuses a second cancel, and resumes it', async () => {
    const { sweep } = (await create({ ...sweepBody, concurrency: 1 })).json();
    await t.fake.nextStart();
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/sweeps/${sweep.id}/cancel`,
      headers: CLIENT_HEADERS,
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().sweep.status).toBe('cancelled');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/sweeps/${sweep.id}/cancel`, headers: CLIENT_HEADERS }))
        .statusCode,
    ).toBe(409);

    const resumed = await t.app.inject({
      method: 'POST',
      url: `/api/sweeps/${sweep.id}/resume`,
      headers: CLIENT_HEADERS,
    });
    expect(resumed.statusCode).toBe(202);
    expect(resumed.json().sweep.status).toBe('running');
    const events = parseSse((await t.app.inject(`/api/sweeps/${sweep.id}/events`)).body);
    expect(events.at(-1)?.data).toEqual({ type: 'done', status: 'completed' });
    expect(t.fake.trained).toHaveLength(4);
  });
});
