// Validation split, per-epoch validation metrics and early stopping, run against both real engines
// with the same prepared arrays. TF workers run from dist/: build first.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineTrainJob, EngineTrainResult, ModelParams } from './engine.js';
import { prepareData } from './preprocessing/prepareData.js';
import { blobsTable, linearTable, TEST_PARAMS } from './pytorch/testData.js';
import { ONE_SLOT_ENGINES } from './testing/engineCases.js';

const root = mkdtempSync(join(tmpdir(), 'trainyard-selection-'));
let dirs = 0;
const freshDir = () => {
  const dir = join(root, `m-${++dirs}`);
  mkdirSync(dir);
  return dir;
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

const table = blobsTable(240, 4, 3);
const withVal = prepareData(table, { testSize: 0.25, seed: 42, validationSize: 0.25 });
const twoWay = prepareData(table, { testSize: 0.25, seed: 42 });
const params: ModelParams = { ...TEST_PARAMS, epochs: 5 };

describe.each(ONE_SLOT_ENGINES)('$name engine: model selection', (c) => {
  const engine = c.create();
  afterAll(() => engine.close());
  const dirOf = new Map<EngineTrainResult, string>();
  const train = async (job: Omit<EngineTrainJob, 'modelDir'>) => {
    const modelDir = freshDir();
    const result = await engine.train({ modelDir, ...job });
    dirOf.set(result, modelDir);
    return result;
  };
  // TF.js numbers each Sequential it builds in the process (`sequential_3`): not part of the model.
  const bytesIn = (dir: string) =>
    readdirSync(dir)
      .sort()
      .map((file) => {
        const bytes = readFileSync(join(dir, file));
        return [
          file,
          file.endsWith('.json') ? String(bytes).replace(/sequential_\d+/g, 'sequential') : bytes,
        ];
      });

  it('reports validation loss and score every epoch, and the saved (last) epoch as val_score', async () => {
    const r = await train({ data: withVal, params });
    expect(r.history).toHaveLength(5);
    for (const e of r.history) {
      expect(Number.isFinite(e.val_loss)).toBe(true);
      expect(e.val_score).toBeGreaterThanOrEqual(0);
      expect(e.val_score).toBeLessThanOrEqual(1);
    }
    const last = r.history[4]!;
    expect(r).toMatchObject({
      val_score: last.val_score,
      val_loss: last.val_loss,
      train_loss: last.train_loss,
      test_loss: last.test_loss,
      best_epoch: 5,
      stopped_epoch: 5,
    });
  });

  it('scores regression runs on their validation rows with r2', async () => {
    const data = prepareData(linearTable(160, 3), { testSize: 0.25, seed: 42, validationSize: 0.25 });
    expect([data.nTrain, data.nVal, data.nTest]).toEqual([90, 30, 40]);
    const r = await train({ data, params: { ...params, epochs: 20, dropout: 0 } });
    expect(r.history.every((e) => Number.isFinite(e.val_score))).toBe(true);
    expect(r.val_score).toBeGreaterThan(0.5);
  });

  it('reports no validation fields without validation rows', async () => {
    const r = await train({ data: twoWay, params });
    expect(r.history.every((e) => !('val_loss' in e) && !('val_score' in e))).toBe(true);
    expect(r.val_score).toBeUndefined();
    expect(r).toMatchObject({ best_epoch: 5, stopped_epoch: 5 });
  });

  it('stops after `patience` epochs without improvement and keeps the best epoch, equal to a run trained to it', async () => {
    const long = { ...params, epochs: 80 };
    const r = await train({
      data: withVal,
      params: long,
      earlyStopping: { patience: 3, minDelta: 0 },
      returnTestOutputs: true,
    });
    expect(r.stopped_epoch).toBeLessThan(80);
    expect(r.stopped_epoch - r.best_epoch).toBe(3);
    expect(r.history).toHaveLength(r.stopped_epoch);
    const scores = r.history.map((e) => e.val_score!);
    const best = r.history[r.best_epoch - 1]!;
    expect(best.val_score).toBe(Math.max(...scores));
    expect(scores.indexOf(best.val_score!)).toBe(r.best_epoch - 1);
    expect(r).toMatchObject({
      val_score: best.val_score,
      val_loss: best.val_loss,
      test_loss: best.test_loss,
    });

    const again = await train({
      data: withVal,
      params: { ...long, epochs: r.best_epoch },
      returnTestOutputs: true,
    });
    expect(again.testOutputs).toEqual(r.testOutputs);
    expect(again.metric_score).toBe(r.metric_score);
    expect(again.history).toEqual(
      r.history.slice(0, r.best_epoch).map((e) => ({ ...e, epochs: r.best_epoch })),
    );
  });

  /** What must match between a checkpoint and a separate run (not its duration or files). */
  const outcome = (r: EngineTrainResult) => {
    const { durationMs: _d, files: _f, checkpoints: _c, ...rest } = r;
    return rest;
  };

  it('returns each epoch checkpoint equal to a separate run of that many epochs, model files included', async () => {
    const dirs = [freshDir(), freshDir()];
    const job = { data: withVal, returnTestOutputs: true };
    const r = await train({
      ...job,
      params: { ...params, epochs: 6 },
      checkpoints: [
        { epochs: 2, modelDir: dirs[0]! },
        { epochs: 4, modelDir: dirs[1]! },
      ],
    });
    expect(r.checkpoints).toHaveLength(2);
    for (const [i, epochs] of [2, 4].entries()) {
      const separate = await train({ ...job, params: { ...params, epochs } });
      expect(outcome(r.checkpoints![i]!)).toEqual(outcome(separate));
      expect(bytesIn(dirs[i]!)).toEqual(bytesIn(dirOf.get(separate)!));
    }
    expect(outcome(r)).toEqual(outcome(await train({ ...job, params: { ...params, epochs: 6 } })));
  });

  it('treats each checkpoint as a maximum under early stopping', async () => {
    const job = { data: withVal, returnTestOutputs: true, earlyStopping: { patience: 2, minDelta: 1 } };
    const r = await train({
      ...job,
      params: { ...params, epochs: 8 },
      checkpoints: [
        { epochs: 2, modelDir: freshDir() },
        { epochs: 5, modelDir: freshDir() },
      ],
    });
    expect(r.checkpoints!.map((c) => [c.best_epoch, c.stopped_epoch])).toEqual([
      [1, 2],
      [1, 3],
    ]);
    for (const [i, epochs] of [2, 5].entries()) {
      const separate = await train({ ...job, params: { ...params, epochs } });
      expect(outcome(r.checkpoints![i]!)).toEqual(outcome(separate));
    }
  });

  it('counts only rises above minDelta as improvements', async () => {
    const r = await train({ data: withVal, params, earlyStopping: { patience: 2, minDelta: 1 } });
    expect(r).toMatchObject({ best_epoch: 1, stopped_epoch: 3, val_score: r.history[0]!.val_score });
  });

  it('stops after the current epoch when pruned and answers a completed, pruned run', async () => {
    const prune = new AbortController();
    const long = { ...params, epochs: 300 };
    const r = await train({
      data: withVal,
      params: long,
      prune: prune.signal,
      onEpoch: (e) => {
        if (e.epoch === 2) prune.abort();
      },
    });
    expect(r.pruned).toBe(true);
    expect(r.stopped_epoch).toBeGreaterThanOrEqual(2);
    expect(r.stopped_epoch).toBeLessThan(300);
    expect(r.history).toHaveLength(r.stopped_epoch);
    expect(r.best_epoch).toBe(r.stopped_epoch);
    // The worker stays warm and the next run is not pruned by the stop asked of this one.
    const next = await train({ data: withVal, params });
    expect(next.pruned).toBeUndefined();
    expect(next.stopped_epoch).toBe(5);
  });
});
