import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, parseSse, sweepBody, type TestApp, trainBody } from '../testing/testApp.js';
import { publicModelPath } from './publicJson.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('no absolute filesystem path over HTTP', () => {
  it('answers modelPath relative to the data directory on train, runs, streams and sweeps (distil answers go through the same serializer)', async () => {
    const trained = (await post('/api/pytorch/train', trainBody)).json();
    expect(trained.modelPath).toBe(`models/${trained.modelId}`);
    const run = (await t.app.inject(`/api/runs/${trained.runId}`)).json().run;
    expect(run.modelPath).toBe(`models/${trained.modelId}`);
    const runs = (await t.app.inject('/api/runs')).json().runs as Array<{ modelPath?: string }>;
    expect(runs.every((r) => r.modelPath === undefined || r.modelPath.startsWith('models/'))).toBe(true);

    const streamed = parseSse(
      (await post('/api/pytorch/train', trainBody, { accept: 'text/event-stream' })).body,
    );
    const result = streamed.find((e) => e.event === 'result')?.data.result as {
      modelId: string;
      modelPath: string;
    };
    expect(result.modelPath).toBe(`models/${result.modelId}`);

    const { sweep } = (await post('/api/sweeps', sweepBody)).json();
    const events = parseSse((await t.app.inject(`/api/sweeps/${sweep.id}/events`)).body);
    const rows = events
      .filter((e) => e.event === 'row')
      .map((e) => (e.data.row as { modelPath?: string }).modelPath);
    expect(rows.length).toBeGreaterThan(0);
    for (const path of rows) expect(path).toMatch(/^models\/[^/]+$/);
    const detail = (await t.app.inject(`/api/sweeps/${sweep.id}`)).json();
    for (const r of detail.runs as Array<{ modelPath?: string }>) expect(r.modelPath).toMatch(/^models\//);
    // Nothing in any answer names the data directory.
    for (const url of ['/api/runs', '/api/models', `/api/sweeps/${sweep.id}`]) {
      expect((await t.app.inject(url)).body).not.toContain(t.home);
    }
  });

  it('keeps only the last part of a path outside the data directory', () => {
    expect(publicModelPath('/data/ty', '/data/ty/models/m1')).toBe('models/m1');
    expect(publicModelPath('/data/ty', '/elsewhere/models/m2')).toBe('m2');
    expect(publicModelPath('/data/ty', 'models/m3')).toBe('models/m3');
  });
});
