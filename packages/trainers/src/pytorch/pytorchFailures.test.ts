import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlApiError } from '@trainyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { createPytorchEngine } from './pytorchEngine.js';
import { blobs } from './testData.js';
import { DEFAULT_PYTHON } from './trainerScript.js';

const logged: string[] = [];
const engine = createPytorchEngine({ slots: 1, threadsPerSlot: 1, log: (m) => logged.push(m) });
const root = mkdtempSync(join(tmpdir(), 'trainyard-ptf-'));
const modelDir = () => mkdtempSync(join(root, 'm-'));
const params: ModelParams = {
  epochs: 5,
  batchSize: 16,
  learningRate: 0.01,
  hiddenDim: 16,
  numHiddenLayers: 2,
  dropout: 0,
  seed: 42,
};
// Long enough that it is still running when the test intervenes after its first epoch.
const long: ModelParams = { ...params, epochs: 500 };

afterAll(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('PyTorch engine: failures', () => {
  it('kills the process when a run is cancelled, then respawns for the next run', async () => {
    await engine.train({ data: blobs(), params, modelDir: modelDir() });
    const [pid] = engine.workerPids();
    const controller = new AbortController();
    const run = engine.train({
      data: blobs(),
      params: long,
      modelDir: modelDir(),
      signal: controller.signal,
      onEpoch: (e) => e.epoch === 1 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Training cancelled' });
    expect(isGone(pid!)).toBe(true);
    expect(engine.workerPids()).toEqual([undefined]);

    const next = await engine.train({ data: blobs(), params, modelDir: modelDir() });
    expect(next.history).toHaveLength(5);
    expect(engine.workerPids()[0]).not.toBe(pid);
  });

  it('cancels a queued run without touching the one in flight', async () => {
    const first = new AbortController();
    const queued = new AbortController();
    const epochs: number[] = [];
    const running = engine.train({
      data: blobs(),
      params: long,
      modelDir: modelDir(),
      signal: first.signal,
      onEpoch: (e) => {
        epochs.push(e.epoch);
        if (e.epoch === 1) queued.abort();
        if (e.epoch === 3) first.abort();
      },
    });
    const waiting = engine.train({ data: blobs(), params, modelDir: modelDir(), signal: queued.signal });
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    // The run in flight went on after the queued one left, until its own abort.
    expect(epochs).toEqual([1, 2, 3]);
  });

  it('fails a run whose process is killed with a safe message, and the next run works', async () => {
    logged.length = 0;
    const run = engine.train({
      data: blobs(),
      params: long,
      modelDir: modelDir(),
      onEpoch: (e) => {
        if (e.epoch === 1) process.kill(engine.workerPids()[0]!, 'SIGKILL');
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 'TRAINING_FAILED',
      message: 'PyTorch trainer exited unexpectedly (code 137)',
    });
    expect(logged.some((m) => m.startsWith('PyTorch trainer stderr tail'))).toBe(true);
    const next = await engine.train({ data: blobs(), params, modelDir: modelDir() });
    expect(next.metric_score).toBeGreaterThan(0.5);
  });

  it('fails a diverging run (huge learning rate) and keeps the process for the next run', async () => {
    await engine.train({ data: blobs(), params, modelDir: modelDir() });
    const [pid] = engine.workerPids();
    const run = engine.train({
      data: blobs(),
      params: { ...params, learningRate: 1e20 },
      modelDir: modelDir(),
    });
    await expect(run).rejects.toBeInstanceOf(MlApiError);
    await expect(run).rejects.toMatchObject({ code: 'TRAINING_FAILED' });
    await expect(run).rejects.toThrow(
      /^Training diverged \(loss became NaN at epoch \d+\); try a lower learning rate$/,
    );
    expect(engine.workerPids()).toEqual([pid]);
  });

  it('close() cancels the run in flight and refuses later runs', async () => {
    const own = createPytorchEngine({ slots: 1, threadsPerSlot: 1 });
    let closing: Promise<void> | undefined;
    const run = own.train({
      data: blobs(),
      params: long,
      modelDir: modelDir(),
      onEpoch: (e) => {
        if (e.epoch === 1) closing = own.close();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    await closing;
    expect(own.workerPids()).toEqual([undefined]);
    await expect(own.train({ data: blobs(), params, modelDir: modelDir() })).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: 'The PyTorch engine has been closed',
    });
  });

  it('turns an out-of-memory into a safe TRAINING_FAILED and keeps serving', async () => {
    // A python whose address space is capped at ~4 GB, so a 40000-wide layer (6.4 GB) cannot be allocated.
    const wrapper = join(root, 'python-4g');
    writeFileSync(wrapper, `#!/bin/sh\nulimit -v 4000000\nexec ${DEFAULT_PYTHON} "$@"\n`, { mode: 0o755 });
    const capped = createPytorchEngine({ python: wrapper, slots: 1, threadsPerSlot: 1, log: () => {} });
    try {
      const huge = { ...params, hiddenDim: 40_000, numHiddenLayers: 2 };
      await expect(capped.train({ data: blobs(), params: huge, modelDir: modelDir() })).rejects.toMatchObject(
        {
          code: 'TRAINING_FAILED',
          message: 'Out of memory while training; try a smaller batch size, model or dataset',
        },
      );
      const next = await capped.train({ data: blobs(), params, modelDir: modelDir() });
      expect(next.history).toHaveLength(params.epochs);
    } finally {
      await capped.close();
    }
  });

  it('reports a missing interpreter as unavailable and rejects runs with ENGINE_UNAVAILABLE', async () => {
    const missing = createPytorchEngine({ python: '/nonexistent/python3', slots: 1 });
    const status = await missing.status();
    expect(status).toEqual({
      available: false,
      message:
        "PyTorch is not available: /nonexistent/python3 cannot import torch. Install Debian's python3-torch and " +
        'libopenblas0-pthread, or set TRAINYARD_PYTHON to a python with torch.',
    });
    await expect(missing.train({ data: blobs(), params, modelDir: modelDir() })).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: status.message,
    });
    await missing.close();
  });

  it('falls back to TRAINYARD_PYTHON when no python option is given', async () => {
    const saved = process.env.TRAINYARD_PYTHON;
    process.env.TRAINYARD_PYTHON = '/nonexistent/from-env/python3';
    try {
      const status = await createPytorchEngine({ slots: 1 }).status();
      expect(status.message).toContain('/nonexistent/from-env/python3 cannot import torch');
    } finally {
      if (saved === undefined) delete process.env.TRAINYARD_PYTHON;
      else process.env.TRAINYARD_PYTHON = saved;
    }
  });
});
