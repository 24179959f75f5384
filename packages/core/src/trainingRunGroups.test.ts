import { describe, expect, it, vi } from 'vitest';
import { MlApiError } from './errors.js';
import { trainingSignal } from './runStop.js';
import { createBudgetTracker } from './search/searchBudget.js';
import { combination, trainResponse } from './testFixtures.js';
import { runPytorchTraining, runTensorflowTraining } from './trainingRun.js';
import type { CallOptions, EpochEvent, GroupOutcome, RunRow, TrainRequest, TrainResponse } from './types.js';

/** A fake backend answering what createLocalMlApi does: one response per request, one per checkpoint. */
const answer = (req: TrainRequest, call: CallOptions = {}): TrainResponse => {
  for (let epoch = 1; epoch <= req.epochs; epoch++)
    call.onEpoch?.({ epoch, epochs: req.epochs, train_loss: 1 / epoch, test_loss: 1 / epoch });
  const tag = (epochs: number) => `${req.learningRate}@${epochs}`;
  return trainResponse({
    runId: `run-${tag(req.epochs)}`,
    modelId: `m-${tag(req.epochs)}`,
    metric_score: req.epochs / 100,
    ...(req.epochCheckpoints
      ? {
          checkpoints: req.epochCheckpoints.map((e) =>
            trainResponse({ runId: `run-${tag(e)}`, modelId: `m-${tag(e)}`, metric_score: e / 100 }),
          ),
        }
      : {}),
  });
};

const sweep = (combinations: ReturnType<typeof combination>[]) => ({
  datasetId: 'iris',
  combinations,
  appendRow: () => {},
  onProgress: () => {},
});

/** epochs 3,6 × learning rates 0.1, 0.2, grid order (epochs outermost). */
const prefixGrid = [
  combination(3, { learningRate: 0.1 }),
  combination(3, { learningRate: 0.2 }),
  combination(6, { learningRate: 0.1 }),
  combination(6, { learningRate: 0.2 }),
];

describe('shared epoch prefixes in the orchestrator (issue 11)', () => {
  it('trains combinations that differ only in epochs once, to the largest count, each with its own row, events and hooks', async () => {
    const trainPytorch = vi.fn(async (req: TrainRequest, call?: CallOptions) => answer(req, call));
    const events: Array<[number, EpochEvent]> = [];
    const hooks: string[] = [];
    const appended: RunRow[] = [];
    const rows = await runPytorchTraining({
      ...sweep(prefixGrid),
      api: { trainPytorch },
      sweepId: 's1',
      appendRow: (row) => {
        appended.push(row);
      },
      onRunStart: (i) => {
        hooks.push(`start ${i}`);
      },
      onRunEnd: (i) => {
        hooks.push(`end ${i}`);
      },
      onEpochEnd: (i, e) => events.push([i, e]),
    });
    expect(trainPytorch).toHaveBeenCalledTimes(2);
    const requests = trainPytorch.mock.calls.map(([req]) => req);
    expect(
      requests.map((r) => [
        r.epochs,
        r.learningRate,
        r.epochCheckpoints,
        r.combinationIndex,
        r.checkpointIndexes,
      ]),
    ).toEqual([
      [6, 0.1, [3], 2, [0]],
      [6, 0.2, [3], 3, [1]],
    ]);
    expect(rows.map((r) => [r.id, r.epochs, r.learningRate, r.modelId, r.metric_score])).toEqual([
      ['run-0.1@3', 3, 0.1, 'm-0.1@3', 0.03],
      ['run-0.2@3', 3, 0.2, 'm-0.2@3', 0.03],
      ['run-0.1@6', 6, 0.1, 'm-0.1@6', 0.06],
      ['run-0.2@6', 6, 0.2, 'm-0.2@6', 0.06],
    ]);
    expect(appended).toEqual(rows);
    expect(hooks).toEqual(['start 0', 'start 2', 'end 0', 'end 2', 'start 1', 'start 3', 'end 1', 'end 3']);
    // Index 0 (3 epochs) sees epochs 1-3 of 3; index 2 sees 1-6 of 6.
    expect(events.filter(([i]) => i === 0).map(([, e]) => `${e.epoch}/${e.epochs}`)).toEqual([
      '1/3',
      '2/3',
      '3/3',
    ]);
    expect(events.filter(([i]) => i === 2).map(([, e]) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a shorter combination stopped alone ends stopped while the training goes on for the longer one', async () => {
    let trainingAborted: boolean | undefined;
    const trainPytorch = vi.fn(async (req: TrainRequest, call?: CallOptions) => {
      await new Promise((r) => setTimeout(r, 5));
      trainingAborted = trainingSignal(call ?? {})?.aborted;
      return answer(req, call);
    });
    const rows = await runPytorchTraining({
      ...sweep([combination(3), combination(6)]),
      api: { trainPytorch },
      onRunStart: (i, _c, run) => {
        if (i === 0) run?.stop();
      },
    });
    expect(trainPytorch).toHaveBeenCalledTimes(1);
    expect(trainingAborted).toBe(false);
    expect(rows.map((r) => [r.result, r.stopReason])).toEqual([
      ['failed', 'stopped'],
      ['completed', undefined],
    ]);
  });

  it('shares no prefix under a pruner, with k-fold, or with fused: false', async () => {
    for (const extra of [{ pruning: true }, { selection: { folds: 3 } }, { fused: false }]) {
      const trainPytorch = vi.fn(async (req: TrainRequest, call?: CallOptions) => answer(req, call));
      const rows = await runPytorchTraining({ ...sweep(prefixGrid), ...extra, api: { trainPytorch } });
      expect(trainPytorch).toHaveBeenCalledTimes(4);
      expect(trainPytorch.mock.calls.every(([req]) => req.epochCheckpoints === undefined)).toBe(true);
      expect(rows.map((r) => r.result)).toEqual(['completed', 'completed', 'completed', 'completed']);
    }
  });

  it('a resume trains only the missing combinations, chaining those that still share a prefix', async () => {
    const trainPytorch = vi.fn(async (req: TrainRequest, call?: CallOptions) => answer(req, call));
    const rows = await runPytorchTraining({
      ...sweep(prefixGrid),
      indexes: [1, 2, 3],
      sweepId: 's',
      api: { trainPytorch },
    });
    expect(trainPytorch.mock.calls.map(([req]) => [req.combinationIndex, req.checkpointIndexes])).toEqual([
      [3, [1]],
      [2, undefined],
    ]);
    expect(rows.map((r) => `${r.learningRate}@${r.epochs}`)).toEqual(['0.2@3', '0.1@6', '0.2@6']);
  });
});

/** A fake group backend: each request answered as alone, except those named failing. */
const groupApi = (fail: (req: TrainRequest) => GroupOutcome | undefined = () => undefined) => ({
  trainPytorch: vi.fn(async (req: TrainRequest, call?: CallOptions) => answer(req, call)),
  trainPytorchGroup: vi.fn(async (requests: TrainRequest[], calls: CallOptions[]) =>
    requests.map((req, i) => fail(req) ?? { response: answer(req, calls[i]) }),
  ),
});

const lrs = [0.1, 0.2, 0.3, 0.4].map((learningRate) => combination(5, { learningRate }));

describe('fused groups in the orchestrator (issue 16)', () => {
  it('trains combinations of one split, batch size and depth as one group call, one row each in order', async () => {
    const api = groupApi();
    const events: number[] = [];
    const rows = await runPytorchTraining({ ...sweep(lrs), api, onEpochEnd: (i) => events.push(i) });
    expect(api.trainPytorchGroup).toHaveBeenCalledTimes(1);
    expect(api.trainPytorch).not.toHaveBeenCalled();
    expect(api.trainPytorchGroup.mock.calls[0]![0].map((r) => r.learningRate)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(rows.map((r) => r.id)).toEqual(['run-0.1@5', 'run-0.2@5', 'run-0.3@5', 'run-0.4@5']);
    expect(new Set(events)).toEqual(new Set([0, 1, 2, 3]));
  });

  it("one member's failure or malformed answer fails its row only; a rejected or mis-sized group fails every member", async () => {
    const api = groupApi((req) =>
      req.learningRate === 0.2
        ? { error: 'Loss became NaN at epoch 3', code: 'TRAINING_FAILED' }
        : req.learningRate === 0.3
          ? ({ response: { metric_name: 'accuracy' } } as unknown as GroupOutcome)
          : req.learningRate === 0.4
            ? ({ nonsense: true } as unknown as GroupOutcome)
            : undefined,
    );
    const rows = await runPytorchTraining({ ...sweep(lrs), api });
    expect(rows.map((r) => r.result)).toEqual(['completed', 'failed', 'failed', 'failed']);
    expect(rows[1]!.error).toBe('Loss became NaN at epoch 3');
    expect(rows[2]!.error).toMatch(/^The backend's training answer is malformed: metric_score/);
    expect(rows[3]!.error).toMatch(/^The backend's training answer is malformed/);

    const short = { ...groupApi(), trainPytorchGroup: vi.fn(async () => [] as GroupOutcome[]) };
    const failed = await runPytorchTraining({ ...sweep(lrs), api: short });
    expect(failed.map((r) => r.error)).toEqual(
      Array(4).fill("The backend's group training answer is malformed: 0 outcomes for 4 models"),
    );
    const rejecting = {
      ...groupApi(),
      trainPytorchGroup: vi.fn(async () =>
        Promise.reject(new MlApiError('ENGINE_UNAVAILABLE', 'engine gone')),
      ),
    };
    expect((await runPytorchTraining({ ...sweep(lrs), api: rejecting })).map((r) => r.error)).toEqual(
      Array(4).fill('engine gone'),
    );
  });

  it('fuses epoch chains too, and a member stopped alone ends stopped while the others complete', async () => {
    const api = groupApi();
    const rows = await runPytorchTraining({
      ...sweep(prefixGrid),
      api,
      onRunStart: (i, _c, run) => {
        if (i === 1) run?.stop();
      },
    });
    expect(api.trainPytorchGroup).toHaveBeenCalledTimes(1);
    const [requests, calls] = api.trainPytorchGroup.mock.calls[0]!;
    expect(requests.map((r) => [r.epochs, r.epochCheckpoints])).toEqual([
      [6, [3]],
      [6, [3]],
    ]);
    expect(calls[1]!.checkpoints![0]!.signal!.aborted).toBe(true);
    expect(rows.map((r) => r.stopReason ?? r.result)).toEqual([
      'completed',
      'stopped',
      'completed',
      'completed',
    ]);
  });

  it('counts budget by combination: a group takes only what maxRuns still allows', async () => {
    const api = groupApi();
    const budget = createBudgetTracker({ budget: { maxRuns: 3 } });
    const rows = await runPytorchTraining({ ...sweep(lrs), api, budget });
    expect(api.trainPytorchGroup.mock.calls[0]![0]).toHaveLength(3);
    expect(rows).toHaveLength(3);
    expect(budget.end()?.reason).toBe('maxRuns');
  });

  it('trains one at a time with fused: false, and TensorFlow groups carry the mode', async () => {
    const api = groupApi();
    await runPytorchTraining({ ...sweep(lrs), api, fused: false });
    expect(api.trainPytorchGroup).not.toHaveBeenCalled();
    expect(api.trainPytorch).toHaveBeenCalledTimes(4);

    const trainTensorflowGroup = vi.fn(async (requests: TrainRequest[]) =>
      requests.map((req) => ({ response: answer(req) })),
    );
    const rows = await runTensorflowTraining({
      ...sweep(lrs),
      mode: 'mlp',
      api: { trainTensorflow: async (req) => answer(req), trainTensorflowGroup },
    });
    expect(trainTensorflowGroup.mock.calls[0]![0].map((r) => (r as { mode?: string }).mode)).toEqual([
      'mlp',
      'mlp',
      'mlp',
      'mlp',
    ]);
    expect(rows.every((r) => r.framework === 'tensorflow' && r.result === 'completed')).toBe(true);
  });
});
