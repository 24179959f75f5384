import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochEvent } from '@trainyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { createPytorchEngine } from './pytorchEngine.js';
import { blobs, linear, TEST_PARAMS } from './testData.js';

// Real python + torch, one warm process: these tests exercise the whole engine, nothing is faked.
const engine = createPytorchEngine({ slots: 1, threadsPerSlot: 1 });
const root = mkdtempSync(join(tmpdir(), 'trainyard-pt-'));
let dirs = 0;
const modelDir = () => {
  const dir = join(root, `m${++dirs}`);
  rmSync(dir, { recursive: true, force: true });
  return mkdtempSync(`${dir}-`);
};
const params: ModelParams = TEST_PARAMS;

afterAll(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('PyTorch engine: training', () => {
  it('reports torch, the BLAS it runs on and its threads', async () => {
    const status = await engine.status();
    expect(status.available).toBe(true);
    expect(status.details).toMatchObject({ threads: 1, slots: 1, threadsPerSlot: 1 });
    expect(String(status.details?.torch)).toMatch(/^\d+\.\d+/);
    expect(status.message).toContain(String(status.details?.blas));
  });

  it('trains a real MLP, streams every epoch and saves model.pt', async () => {
    const data = blobs();
    const events: EpochEvent[] = [];
    const dir = modelDir();
    const result = await engine.train({ data, params, modelDir: dir, onEpoch: (e) => events.push(e) });
    expect(result.metric_name).toBe('accuracy');
    expect(result.metric_score).toBeGreaterThan(0.8);
    expect(events.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.history).toEqual(events);
    expect(result.train_loss).toBe(events.at(-1)!.train_loss);
    expect(result.train_loss).toBeLessThan(events[0]!.train_loss);
    // 4→16→16→3 linear layers: weights plus biases.
    expect(result.parameterCount).toBe(4 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
    expect(result.files).toEqual(['model.pt', 'raw_model.pt', 'model.onnx']);
    expect(existsSync(join(dir, 'model.pt'))).toBe(true);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('gives the same metrics for the same seed, and different ones for another seed', async () => {
    const data = blobs();
    const a = await engine.train({ data, params, modelDir: modelDir() });
    const b = await engine.train({ data, params, modelDir: modelDir() });
    const c = await engine.train({ data, params: { ...params, seed: 7 }, modelDir: modelDir() });
    expect(b.history).toEqual(a.history);
    expect(b.metric_score).toBe(a.metric_score);
    expect(c.history).not.toEqual(a.history);
  });

  it('reports r2 for regression', async () => {
    const result = await engine.train({
      data: linear(),
      params: { ...params, epochs: 30 },
      modelDir: modelDir(),
    });
    expect(result.metric_name).toBe('r2');
    expect(result.metric_score).toBeGreaterThan(0.8);
    expect(result.parameterCount).toBe(4 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
  });

  it('reuses its warm python process across runs', async () => {
    await engine.train({ data: blobs(), params, modelDir: modelDir() });
    const [pid] = engine.workerPids();
    expect(pid).toBeTypeOf('number');
    await engine.train({ data: blobs(), params, modelDir: modelDir() });
    expect(engine.workerPids()).toEqual([pid]);
  });

  it('queues runs beyond its slots and runs them all', async () => {
    const data = blobs();
    const results = await Promise.all(
      [1, 2, 3].map((seed) => engine.train({ data, params: { ...params, seed }, modelDir: modelDir() })),
    );
    expect(results.map((r) => r.history.length)).toEqual([8, 8, 8]);
  });

  it('rejects a bad parameter naming the field and the value', async () => {
    await expect(
      engine.train({ data: blobs(), params: { ...params, dropout: 1.5 }, modelDir: modelDir() }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'dropout',
      message: 'Invalid dropout: 1.5 (in [0, 1))',
    });
  });
});
