import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentProcessOwner } from '../store/processOwner.js';
import { createFakeLocalApi } from '../testing/fakeLocalApi.js';
import { sweepBody, trainBody } from '../testing/testApp.js';
import { createStudio, type Studio, type StudioOptions } from './createStudio.js';

let home: string;
let studio: Studio | undefined;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-studio-'));
});
afterEach(async () => {
  await studio?.close();
  rmSync(home, { recursive: true, force: true });
});

const open = (delayMs = 5, more: Pick<StudioOptions, 'owner' | 'isOwnerAlive'> = {}) => {
  const fake = createFakeLocalApi({ home, delayMs });
  return createStudio({ home, api: fake.api, concurrency: 2, onError: () => {}, ...more }).then((s) => ({
    s,
    fake,
  }));
};

/** Run r1, a PyTorch training of `trainBody`. */
const r1 = {
  id: 'r1',
  framework: 'pytorch',
  kind: 'train',
  datasetId: 'iris',
  seed: 42,
  combination: trainBody,
} as const;

/** Another process's sweep with one run in flight, both 'running'. */
async function leaveRunning(s: Studio) {
  await s.store.runs.insert({
    ...r1,
    sweepId: 's1',
    combinationIndex: 0,
    createdAt: new Date().toISOString(),
  });
  await s.store.sweeps.insert({
    id: 's1',
    status: 'running',
    fields: { ...sweepBody, framework: 'pytorch' },
    combinations: [trainBody],
    total: 1,
    createdAt: new Date().toISOString(),
  });
  await s.store.close();
}

describe('createStudio', () => {
  it('marks runs and sweeps a crashed process left running as interrupted on the next start', async () => {
    // What a kill -9 leaves behind: rows written as 'running' by a process that no longer exists
    // (this pid, but a process that started at another time).
    const crashed = { ...currentProcessOwner(), token: 'a process that crashed' };
    await leaveRunning((await open(5, { owner: crashed })).s);

    ({ s: studio } = await open());
    expect(await studio.store.runs.get('r1')).toMatchObject({
      result: 'failed',
      error: 'interrupted',
      stopReason: 'interrupted',
    });
    // Issue 10 item 13: an interrupted combination is not done; it is named as interrupted.
    expect(await studio.sweeps.get('s1')).toMatchObject({ status: 'interrupted', done: 0, interrupted: 1 });
  });

  it('leaves the runs and sweeps of another live process on the same home running', async () => {
    const server = { ...currentProcessOwner(), pid: 4242, token: 'the server' };
    await leaveRunning((await open(5, { owner: server })).s);

    ({ s: studio } = await open(5, { isOwnerAlive: (owner) => owner.token === 'the server' }));
    expect(await studio.store.runs.get('r1')).toMatchObject({ result: 'running' });
    expect(await studio.sweeps.get('s1')).toMatchObject({ status: 'running', done: 0 });
  });

  it('drops index rows whose model files vanished and indexes files it did not know', async () => {
    const first = await open();
    const trained = await first.s.api.trainPytorch(trainBody);
    await first.s.local.models.remove(trained.modelId);
    await first.s.close();
    // A model committed by another process on the same home (e.g. the CLI's embedded mode).
    const other = createFakeLocalApi({ home });
    const stray = await other.api.trainTensorflow({ ...trainBody, mode: 'mlp' });

    ({ s: studio } = await open());
    expect((await studio.store.models.list()).map((m) => m.modelId)).toEqual([stray.modelId]);
    expect((await studio.store.runs.get(trained.runId!))?.modelId).toBeUndefined();
  });

  it('removes, not indexes, the model a killed process saved for a run it never completed', async () => {
    // A kill -9 between a training saving its model and its row completing (a fused group saves
    // every member's model before their rows end): the run is left 'running', its model on disk.
    const crashed = { ...currentProcessOwner(), token: 'a process that crashed' };
    await leaveRunning((await open(5, { owner: crashed })).s);
    const saved = await createFakeLocalApi({ home }).api.trainPytorch(trainBody);
    // Another run's model with other parameters stays: it is indexed as before.
    const other = await createFakeLocalApi({ home }).api.trainPytorch({ ...trainBody, learningRate: 0.05 });

    ({ s: studio } = await open());
    expect(await studio.store.runs.get('r1')).toMatchObject({ result: 'failed', stopReason: 'interrupted' });
    expect((await studio.store.models.list()).map((m) => m.modelId)).toEqual([other.modelId]);
    expect((await studio.local.models.list()).map((m) => m.modelId)).toEqual([other.modelId]);
    expect(saved.modelId).not.toBe(other.modelId);
  });

  it('removes the model a killed worker saved for a run already closed as "worker lost" when that worker restarts', async () => {
    const first = await open();
    await first.s.store.runs.insert({ ...r1, createdAt: new Date(Date.now() - 1000).toISOString() });
    const saved = await createFakeLocalApi({ home }).api.trainPytorch(trainBody);
    // The API server closes the run once the worker's lock expired, after the model was saved.
    const lostAt = new Date(Date.now() + 1000).toISOString();
    await first.s.store.runs.fail('r1', 'worker lost', lostAt, undefined, 'interrupted');
    await first.s.close();

    ({ s: studio } = await open());
    expect((await studio.store.models.list()).map((m) => m.modelId)).not.toContain(saved.modelId);
    expect(await studio.local.models.list()).toEqual([]);
  });

  it('interrupts a run on request once its process is gone, not before', async () => {
    let serverAlive = true;
    const server = { ...currentProcessOwner(), pid: 4242, token: 'the server' };
    await leaveRunning((await open(5, { owner: server })).s);
    ({ s: studio } = await open(5, { isOwnerAlive: (owner) => owner.token === 'the server' && serverAlive }));
    expect(await studio.interruptOrphans()).toEqual({ interruptedRuns: 0, interruptedSweeps: [] });
    serverAlive = false;
    expect(await studio.interruptOrphans()).toEqual({ interruptedRuns: 1, interruptedSweeps: ['s1'] });
  });

  it('records a training cut short by close() as interrupted', async () => {
    const { s, fake } = await open(200);
    const training = s.api.trainPytorch(trainBody).catch((err: unknown) => err);
    await fake.nextStart();
    await s.close();
    expect(await training).toMatchObject({ code: 'CANCELLED' });
    const reopened = await open();
    studio = reopened.s;
    const [run] = await studio.store.runs.list();
    expect(run).toMatchObject({ result: 'failed', error: 'interrupted' });
  });

  it('refuses new work once closing', async () => {
    const { s } = await open();
    await s.close();
    await expect(s.api.trainPytorch(trainBody)).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });
});
