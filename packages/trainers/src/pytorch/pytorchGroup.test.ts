// Fused groups on real python + torch: every member must answer what its own `train` answers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EpochEvent, MlApiError } from '@trainyard/core';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  EngineGroupMember,
  EngineGroupOutcome,
  EngineTrainJob,
  EngineTrainResult,
  ModelParams,
} from '../engine.js';
import { prepareData } from '../preprocessing/prepareData.js';
import { plainLoadAll } from '../testing/plainTorchLoad.js';
import { createPytorchEngine } from './pytorchEngine.js';
import { blobsTable, builtin, TEST_PARAMS } from './testData.js';
import { DEFAULT_PYTHON } from './trainerScript.js';

const engine = createPytorchEngine({ slots: 1, threadsPerSlot: 1 });
const root = mkdtempSync(join(tmpdir(), 'trainyard-ptg-'));
const freshDir = () => mkdtempSync(join(root, 'm-'));
afterAll(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

const params: ModelParams = TEST_PARAMS;
const withVal = prepareData(blobsTable(240, 4, 3), { testSize: 0.25, seed: 42, validationSize: 0.25 });

/** Different learning rates, dropouts and hidden dims: padded to the widest, each its own Adam step. */
const variety: ModelParams[] = [
  { ...params, learningRate: 0.03, hiddenDim: 8, dropout: 0 },
  { ...params, learningRate: 0.01, hiddenDim: 32, dropout: 0.3 },
  { ...params, learningRate: 0.003, hiddenDim: 16, dropout: 0.1, epochs: 5 },
  { ...params, learningRate: 0.02, hiddenDim: 5, dropout: 0.5 },
];

const ok = (outcome: EngineGroupOutcome | undefined): EngineTrainResult => {
  if (!outcome?.ok) throw outcome?.error ?? new Error('no outcome');
  return outcome.result;
};

/** Every number of the two results within 1e-5; counts, files and shapes equal. */
function expectClose(fused: EngineTrainResult, alone: EngineTrainResult): void {
  const scalars = ['metric_score', 'train_loss', 'test_loss', 'val_score', 'val_loss'] as const;
  for (const key of scalars) {
    expect(fused[key] === undefined).toBe(alone[key] === undefined);
    if (alone[key] !== undefined) expect(Math.abs(fused[key]! - alone[key]!)).toBeLessThan(1e-5);
  }
  expect([fused.best_epoch, fused.stopped_epoch, fused.pruned]).toEqual([
    alone.best_epoch,
    alone.stopped_epoch,
    alone.pruned,
  ]);
  expect([fused.parameterCount, fused.files]).toEqual([alone.parameterCount, alone.files]);
  expect(fused.history).toHaveLength(alone.history.length);
  fused.history.forEach((event, i) => {
    const other = alone.history[i] as EpochEvent & Record<string, number>;
    for (const [key, value] of Object.entries(event))
      expect(Math.abs(value - other[key]!)).toBeLessThan(1e-5);
  });
  expect(maxDiff(fused.testOutputs, alone.testOutputs)).toBeLessThan(1e-5);
}

function maxDiff(a: Float32Array | undefined, b: Float32Array | undefined): number {
  if (!a || !b || a.length !== b.length) return Number.POSITIVE_INFINITY;
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

const alone = (job: Omit<EngineTrainJob, 'modelDir'>) =>
  engine.train({ returnTestOutputs: true, modelDir: freshDir(), ...job });

// raw_model.pt (plain torch.jit.load) on 7 seeded rows of its raw width: those rows and its outputs.
const RAW_TORCH = `
import json, sys, torch
model = torch.jit.load(sys.argv[1]).eval()
x = torch.randn(7, next(model.parameters()).shape[1], generator=torch.Generator().manual_seed(3))
with torch.no_grad():
    print(json.dumps({'x': x.reshape(-1).tolist(), 'cols': x.shape[1], 'out': model(x).reshape(-1).tolist()}))
`;

/** model.onnx under ONNX Runtime against raw_model.pt under torch, on the same raw rows. */
async function onnxGap(dir: string): Promise<number> {
  const torchOut = JSON.parse(
    execFileSync(DEFAULT_PYTHON, ['-c', RAW_TORCH, join(dir, 'raw_model.pt')], { encoding: 'utf8' }),
  ) as { x: number[]; cols: number; out: number[] };
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'));
  try {
    const x = new ort.Tensor('float32', Float32Array.from(torchOut.x), [7, torchOut.cols]);
    const out = (await session.run({ input: x })).output!.data as Float32Array;
    return maxDiff(out, Float32Array.from(torchOut.out));
  } finally {
    await session.release();
  }
}

describe('PyTorch engine: fused groups', () => {
  it('saves each member a model.onnx of its own weights (one export per architecture, later ones patched)', async () => {
    const data = await builtin('iris');
    // Same architecture, different weights: the first member's export is the template of the others.
    const same = [0.03, 0.01, 0.003].map((learningRate) => ({ ...params, learningRate, hiddenDim: 12 }));
    const members = same.map((p) => ({ params: p, modelDir: freshDir() }));
    const outcomes = await engine.trainGroup({ data, members });
    for (const [i, m] of members.entries()) {
      expect(ok(outcomes[i]).files).toEqual(['model.pt', 'raw_model.pt', 'model.onnx']);
      expect(await onnxGap(m.modelDir)).toBeLessThan(1e-5);
    }
  });

  it('trains each member of a mixed group (learning rates, dropouts, hidden dims) as its own run would', async () => {
    const data = await builtin('iris');
    const members = variety.map((p) => ({ params: p, modelDir: freshDir() }));
    const events = members.map(() => [] as EpochEvent[]);
    const outcomes = await engine.trainGroup({
      data,
      returnTestOutputs: true,
      members: members.map((m, i) => ({ ...m, onEpoch: (e) => events[i]!.push(e) })),
    });
    expect(outcomes).toHaveLength(variety.length);
    const plain = plainLoadAll(
      members.map((m) => m.modelDir),
      data,
    );
    for (const [i, p] of variety.entries()) {
      const fused = ok(outcomes[i]);
      expect(events[i]).toEqual(fused.history);
      expect(fused.history.map((e) => e.epochs)).toEqual(Array(p.epochs).fill(p.epochs));
      expectClose(fused, await alone({ data, params: p }));
      // Its own model files, in the single-model format: plain torch.jit.load gives the same outputs.
      expect(fused.files).toEqual(['model.pt', 'raw_model.pt', 'model.onnx']);
      expect(maxDiff(plain[i]!.outputs, fused.testOutputs)).toBeLessThan(1e-5);
    }
  });

  it('answers a group of one exactly as train does', async () => {
    const data = await builtin('wine');
    const [outcome] = await engine.trainGroup({
      data,
      returnTestOutputs: true,
      members: [{ params: variety[1]!, modelDir: freshDir() }],
    });
    const { durationMs: _a, ...fused } = ok(outcome);
    const { durationMs: _b, ...single } = await alone({ data, params: variety[1]! });
    expect(fused).toEqual(single);
  });

  it('is reproducible alone: same seed, same numbers; another seed, others', async () => {
    const job = { data: withVal, params: variety[1]! };
    const [a, b, c] = [
      await alone(job),
      await alone(job),
      await alone({ ...job, params: { ...job.params, seed: 7 } }),
    ];
    expect(a.history).toEqual(b.history);
    expect(a.testOutputs).toEqual(b.testOutputs);
    expect(c.history).not.toEqual(a.history);
  });

  it('fails a diverging member alone; the others answer as their own runs', async () => {
    const data = withVal;
    const members = [variety[0]!, { ...variety[1]!, learningRate: 1e20 }, variety[3]!];
    const outcomes = await engine.trainGroup({
      data,
      returnTestOutputs: true,
      members: members.map((p) => ({ params: p, modelDir: freshDir() })),
    });
    const failed = outcomes[1]!;
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error).toBeInstanceOf(MlApiError);
      expect(failed.error.code).toBe('TRAINING_FAILED');
      expect(failed.error.message).toMatch(/^Training diverged \(loss became (NaN|infinite) at epoch \d+\)/);
    }
    expectClose(ok(outcomes[0]), await alone({ data, params: members[0]! }));
    expectClose(ok(outcomes[2]), await alone({ data, params: members[2]! }));
  });

  it('prunes or stops one member without disturbing the others', async () => {
    const data = withVal;
    const prune = new AbortController();
    const stop = new AbortController();
    const long = { ...params, epochs: 40 };
    const members: EngineGroupMember[] = [
      { params: long, modelDir: freshDir() },
      {
        params: { ...long, hiddenDim: 24 },
        modelDir: freshDir(),
        prune: prune.signal,
        onEpoch: (e) => e.epoch === 3 && prune.abort(),
      },
      {
        params: { ...long, learningRate: 0.02 },
        modelDir: freshDir(),
        signal: stop.signal,
        onEpoch: (e) => e.epoch === 2 && stop.abort(),
      },
    ];
    const outcomes = await engine.trainGroup({ data, returnTestOutputs: true, members });
    expectClose(ok(outcomes[0]), await alone({ data, params: long }));
    const pruned = ok(outcomes[1]);
    expect(pruned.pruned).toBe(true);
    expect(pruned.stopped_epoch).toBeGreaterThanOrEqual(3);
    expect(pruned.stopped_epoch).toBeLessThan(40);
    // A pruned member is what a run of that many epochs is (bar the flag).
    const shorter = await alone({ data, params: { ...long, hiddenDim: 24, epochs: pruned.stopped_epoch } });
    const asRun = (r: EngineTrainResult) => ({ ...r, history: r.history.map((e) => ({ ...e, epochs: 0 })) });
    expectClose(asRun({ ...pruned, pruned: undefined }), asRun(shorter));
    const stopped = outcomes[2]!;
    expect(stopped.ok ? 'ok' : stopped.error.code).toBe('CANCELLED');
  });

  it('answers each member its epoch checkpoints, each equal to a separate run of that many epochs', async () => {
    const data = withVal;
    const member = (p: ModelParams) => ({
      params: { ...p, epochs: 6 },
      modelDir: freshDir(),
      checkpoints: [
        { epochs: 2, modelDir: freshDir() },
        { epochs: 4, modelDir: freshDir() },
      ],
    });
    const members = [member(variety[0]!), member(variety[1]!)];
    const outcomes = await engine.trainGroup({ data, returnTestOutputs: true, members });
    const plain = plainLoadAll(
      members.flatMap((m) => m.checkpoints.map((c) => c.modelDir)),
      data,
    );
    for (const [i, m] of members.entries()) {
      const result = ok(outcomes[i]);
      expect(result.checkpoints).toHaveLength(2);
      for (const [k, epochs] of [2, 4].entries()) {
        expectClose(result.checkpoints![k]!, await alone({ data, params: { ...m.params, epochs } }));
        expect(maxDiff(plain[2 * i + k]!.outputs, result.checkpoints![k]!.testOutputs)).toBeLessThan(1e-5);
      }
      expectClose(result, await alone({ data, params: m.params }));
    }
  });

  it('stops each member early on its own validation curve and keeps its best epoch', async () => {
    const data = withVal;
    const earlyStopping = { patience: 2, minDelta: 0.005 };
    const members = variety.map((p) => ({ ...p, epochs: 30 }));
    const outcomes = await engine.trainGroup({
      data,
      returnTestOutputs: true,
      earlyStopping,
      members: members.map((p) => ({ params: p, modelDir: freshDir() })),
    });
    const stops = new Set<number>();
    for (const [i, p] of members.entries()) {
      const fused = ok(outcomes[i]);
      stops.add(fused.stopped_epoch);
      expectClose(fused, await alone({ data, params: p, earlyStopping }));
    }
    expect([...stops].some((s) => s < 30)).toBe(true);
  });

  it('answers a member stopped before the start as CANCELLED without training it', async () => {
    const stop = new AbortController();
    stop.abort();
    const events: EpochEvent[] = [];
    const outcomes = await engine.trainGroup({
      data: withVal,
      members: [
        { params, modelDir: freshDir(), signal: stop.signal, onEpoch: (e) => events.push(e) },
        { params, modelDir: freshDir() },
      ],
    });
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(events).toEqual([]);
    expect(ok(outcomes[1]).stopped_epoch).toBe(params.epochs);
  });

  it('stops the whole group on its signal as CANCELLED, and the next group trains', async () => {
    const stop = new AbortController();
    const long = { ...params, epochs: 500 };
    const members = [long, { ...long, hiddenDim: 8 }].map((p) => ({
      params: p,
      modelDir: freshDir(),
      onEpoch: (e: EpochEvent) => e.epoch === 2 && stop.abort(),
    }));
    await expect(engine.trainGroup({ data: withVal, members, signal: stop.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    const [next] = await engine.trainGroup({ data: withVal, members: [{ params, modelDir: freshDir() }] });
    expect(ok(next).stopped_epoch).toBe(params.epochs);
  });

  it.each([
    ['batchSize', { batchSize: 32 }],
    ['numHiddenLayers', { numHiddenLayers: 1 }],
    ['seed', { seed: 7 }],
  ] as const)('refuses members that differ in %s, naming the field', async (field, change) => {
    const members = [params, { ...params, ...change }].map((p) => ({ params: p, modelDir: freshDir() }));
    const error = await engine.trainGroup({ data: withVal, members }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlApiError);
    expect(error).toMatchObject({ code: 'VALIDATION', field });
    expect((error as Error).message).toMatch(new RegExp(`^Invalid ${field}: `));
  });

  it('refuses an empty group and a member that fails the train guard', async () => {
    await expect(engine.trainGroup({ data: withVal, members: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'members',
    });
    const bad = [{ params: { ...params, dropout: 1 }, modelDir: freshDir() }];
    await expect(engine.trainGroup({ data: withVal, members: bad })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'dropout',
    });
  });
});
