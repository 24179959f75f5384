// Runs the real engine: worker threads from dist/ (build first: npx tsc -b packages/trainers).
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochEvent } from '@trainyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineGroupOutcome, ModelParams, PreparedData } from '../engine.js';
import { createTensorflowEngine, type TensorflowEngine } from './tensorflowEngine.js';
import { builtinData } from './testData.js';

const base: ModelParams = {
  epochs: 5,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0.1,
  seed: 5,
};

let root: string;
let iris: PreparedData;
let engine: TensorflowEngine;
let dirs = 0;
const freshDir = async () => {
  const dir = join(root, `model-${++dirs}`);
  await mkdir(dir);
  return dir;
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tf-group-'));
  iris = await builtinData('iris');
  engine = createTensorflowEngine({ slots: 1, log: () => {} });
});
afterAll(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

const resultOf = (o: EngineGroupOutcome | undefined) => {
  if (!o?.ok) throw new Error(`member failed: ${o?.error.message}`);
  return o.result;
};

describe('TensorFlow engine trainGroup (one worker thread)', () => {
  it('trains a group in one worker: per-member epochs, files and results equal to separate runs', async () => {
    const params = [base, { ...base, learningRate: 0.03, hiddenDim: 8, dropout: 0 }];
    const events: EpochEvent[][] = [[], []];
    const members = await Promise.all(
      params.map(async (p, k) => ({
        params: p,
        modelDir: await freshDir(),
        onEpoch: (e: EpochEvent) => events[k]!.push(e),
      })),
    );
    const outcomes = await engine.trainGroup({ data: iris, members });
    const live = engine.liveTensors()[0];
    for (const [k, p] of params.entries()) {
      const fused = resultOf(outcomes[k]);
      expect(events[k]!.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
      expect(fused.history).toEqual(events[k]);
      const alone = await engine.train({ data: iris, params: p, modelDir: await freshDir() });
      expect(Math.abs(fused.metric_score - alone.metric_score)).toBeLessThan(1e-5);
      expect(Math.abs(fused.test_loss - alone.test_loss)).toBeLessThan(1e-5);
      expect(await readdir(members[k]!.modelDir)).toEqual(expect.arrayContaining(alone.files));
    }
    expect(engine.liveTensors()[0]).toBe(live);
    expect(engine.workerStarts()).toBe(1);
  });

  it("stops or prunes one member by its own signal; the group's signal stops it all", async () => {
    const cancel = new AbortController();
    cancel.abort();
    const prune = new AbortController();
    prune.abort();
    const members = [
      { params: base, modelDir: await freshDir() },
      { params: { ...base, hiddenDim: 12 }, modelDir: await freshDir(), signal: cancel.signal },
      { params: { ...base, learningRate: 0.02 }, modelDir: await freshDir(), prune: prune.signal },
    ];
    const [full, cancelled, pruned] = await engine.trainGroup({ data: iris, members });
    expect(resultOf(full).history).toHaveLength(5);
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(resultOf(pruned)).toMatchObject({ pruned: true, stopped_epoch: 1 });
    const group = new AbortController();
    group.abort();
    await expect(engine.trainGroup({ data: iris, members, signal: group.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('refuses a group that cannot fuse before queueing it, naming the field', async () => {
    const members = [
      { params: base, modelDir: await freshDir() },
      { params: { ...base, numHiddenLayers: 3 }, modelDir: await freshDir() },
    ];
    await expect(engine.trainGroup({ data: iris, members })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'numHiddenLayers',
    });
    await expect(engine.trainGroup({ data: iris, members: [] })).rejects.toMatchObject({ field: 'members' });
  });
});
