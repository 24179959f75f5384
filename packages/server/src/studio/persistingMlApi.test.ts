import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunStop } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../store/createStore.js';
import { createFakeLocalApi } from '../testing/fakeLocalApi.js';
import { trainBody } from '../testing/testApp.js';
import { createPersistingMlApi } from './persistingMlApi.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function setup() {
  dir = mkdtempSync(join(tmpdir(), 'trainyard-persisting-'));
  const store = await createStore({ file: join(dir, 'trainyard.db') });
  const local = createFakeLocalApi({ home: dir, delayMs: 20 });
  const api = createPersistingMlApi({ local: local.api, store, describeModel: async () => undefined });
  return { store, local, api };
}

describe('persisting api', () => {
  it('stores why a run was stopped: early by a scheduler, cancelled, or interrupted by shutdown', async () => {
    const { store, local, api } = await setup();
    try {
      const reasons = [new RunStop('stopped'), undefined, 'shutdown'] as const;
      for (const reason of reasons) {
        const controller = new AbortController();
        const training = api.trainPytorch(trainBody, { signal: controller.signal });
        await local.nextStart();
        if (reason === 'shutdown') await Promise.all([api.shutdown(), training.catch(() => {})]);
        else controller.abort(reason);
        await expect(training).rejects.toMatchObject({ code: 'CANCELLED' });
      }
      const runs = (await store.runs.list()).reverse();
      expect(runs.map((r) => [r.result, r.stopReason, r.error])).toEqual([
        ['failed', 'stopped', 'Stopped early by the sweep scheduler'],
        ['failed', 'cancelled', 'Training cancelled'],
        ['failed', 'interrupted', 'interrupted'],
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('persisting api and shared epoch prefixes', () => {
  it('stores one run per epoch checkpoint, and a checkpoint stopped alone ends stopped without its model', async () => {
    const { store, local, api } = await setup();
    try {
      const shared = await api.trainPytorch({ ...trainBody, epochs: 3, epochCheckpoints: [1, 2] });
      expect(shared.checkpoints?.map((c) => c.runId)).toEqual([expect.any(String), expect.any(String)]);
      const runs = await Promise.all(
        [shared.runId, ...shared.checkpoints!.map((c) => c.runId)].map((id) => store.runs.get(id!)),
      );
      expect(runs.map((r) => [r?.epochs, r?.result, r?.modelId])).toEqual([
        [3, 'completed', shared.modelId],
        [1, 'completed', shared.checkpoints![0]!.modelId],
        [2, 'completed', shared.checkpoints![1]!.modelId],
      ]);

      const stop = new AbortController();
      const training = api.trainPytorch(
        { ...trainBody, epochs: 3, epochCheckpoints: [1] },
        { checkpoints: [{ signal: stop.signal }] },
      );
      await local.nextStart();
      stop.abort(new RunStop('stopped'));
      const res = await training;
      const [lead, shorter] = [
        await store.runs.get(res.runId!),
        await store.runs.get(res.checkpoints![0]!.runId!),
      ];
      expect(lead).toMatchObject({ result: 'completed', epochs: 3 });
      expect(shorter).toMatchObject({ result: 'failed', stopReason: 'stopped', epochs: 1 });
      expect(shorter?.modelId).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('persisting api and a cancel that lands as the engine finishes', () => {
  it('records the run cancelled, not completed, and keeps no model', async () => {
    dir = mkdtempSync(join(tmpdir(), 'trainyard-persisting-'));
    const store = await createStore({ file: join(dir, 'trainyard.db') });
    const local = createFakeLocalApi({ home: dir, delayMs: 5 });
    const removed: string[] = [];
    const controller = new AbortController();
    // The engine ignores the signal and saves its model; the cancel arrives just before it answers.
    const lateEngine = {
      ...local.api,
      trainPytorch: async (req: Parameters<typeof local.api.trainPytorch>[0]) => {
        const res = await local.api.trainPytorch(req);
        controller.abort();
        return res;
      },
    };
    const api = createPersistingMlApi({
      local: lateEngine,
      store,
      describeModel: async () => undefined,
      removeModel: async (id) => {
        removed.push(id);
        await local.api.models.remove(id);
      },
    });
    try {
      await expect(api.trainPytorch(trainBody, { signal: controller.signal })).rejects.toMatchObject({
        code: 'CANCELLED',
      });
      const [run] = await store.runs.list();
      expect(run).toMatchObject({ result: 'failed', stopReason: 'cancelled', metric_score: 'n/a' });
      expect(run?.modelId).toBeUndefined();
      expect(removed).toHaveLength(1);
      expect(await local.api.models.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
