import { describe, expect, it, vi } from 'vitest';
import { MlApiError } from './errors.js';
import { deferred, combination as fixtureCombination, trainResponse } from './testFixtures.js';
import { runPytorchTraining, runTensorflowTraining } from './trainingRun.js';
import type { CallOptions, RunRow, TensorflowTrainRequest, TrainRequest, TrainResponse } from './types.js';

/** Combinations that share nothing (each its own learning rate): one training each, as before issue 11's prefixes. */
const combination = (epochs: number, overrides: Parameters<typeof fixtureCombination>[1] = {}) =>
  fixtureCombination(epochs, { learningRate: epochs / 1000, ...overrides });

const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('training orchestrators (REQ-003)', () => {
  it('AC-003 calls progress with (1,3), (2,3), (3,3) and appends 3 rows for 3 combinations', async () => {
    const api = {
      trainPytorch: vi.fn(async (req: TrainRequest) => trainResponse({ modelId: `m${req.epochs}` })),
    };
    const appendRow = vi.fn();
    const onProgress = vi.fn();
    const combinations = [combination(1), combination(2), combination(3)];
    const rows = await runPytorchTraining({ api, datasetId: 'iris', combinations, appendRow, onProgress });
    expect(onProgress.mock.calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(appendRow).toHaveBeenCalledTimes(3);
    expect(rows.map((r) => r.epochs)).toEqual([1, 2, 3]);
    expect(appendRow.mock.calls.map(([row]) => row)).toEqual(rows);
    expect(rows.map((r) => r.modelId)).toEqual(['m1', 'm2', 'm3']);
  });

  it('shapes a completed row from the response and the combination', async () => {
    const api = { trainPytorch: async () => trainResponse({ runId: 'run-7' }) };
    const [row] = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(5)],
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(row).toEqual({
      id: 'run-7',
      framework: 'pytorch',
      datasetId: 'iris',
      ...combination(5),
      result: 'completed',
      metric_name: 'accuracy',
      metric_score: 0.9,
      train_loss: 0.3,
      test_loss: 0.4,
      modelId: 'm1',
      modelPath: '/models/m1',
    } satisfies RunRow);
  });

  it('turns a rejected call into a DR-003 failed row and goes on with the sweep', async () => {
    const api = {
      trainPytorch: vi
        .fn<(req: TrainRequest) => Promise<TrainResponse>>()
        .mockRejectedValueOnce(new MlApiError('TRAINING_FAILED', 'Loss became NaN at epoch 3'))
        .mockResolvedValueOnce(trainResponse()),
    };
    const onProgress = vi.fn();
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2)],
      appendRow: () => {},
      onProgress,
      idGenerator: ids(),
    });
    expect(rows[0]).toEqual({
      id: 'id-1',
      framework: 'pytorch',
      datasetId: 'iris',
      ...combination(1),
      result: 'failed',
      metric_name: 'n/a',
      metric_score: 'n/a',
      train_loss: 'n/a',
      test_loss: 'n/a',
      error: 'Loss became NaN at epoch 3',
    });
    expect(rows[1]).toMatchObject({ result: 'completed', id: 'id-2' });
    expect(onProgress.mock.calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('sends the dataset, the seed and only combination fields in each request', async () => {
    const api = { trainPytorch: vi.fn(async (_req: TrainRequest, _o?: CallOptions) => trainResponse()) };
    await runPytorchTraining({
      api,
      datasetId: 'wine',
      combinations: [{ ...combination(4), extra: 'x' } as never],
      appendRow: () => {},
      onProgress: () => {},
      seed: 7,
    });
    expect(api.trainPytorch.mock.calls[0]![0]).toEqual({ ...combination(4), datasetId: 'wine', seed: 7 });
  });

  it('DR-004 linear mode sends hiddenDim 128, numHiddenLayers 2 and dropout 0.1 whatever the combination says', async () => {
    const api = { trainTensorflow: vi.fn(async (_req: TensorflowTrainRequest) => trainResponse()) };
    const combinations = [
      combination(1, { hiddenDim: 16, numHiddenLayers: 5, dropout: 0.5 }),
      combination(2),
    ];
    const rows = await runTensorflowTraining({
      api,
      mode: 'linear',
      datasetId: 'iris',
      combinations,
      appendRow: () => {},
      onProgress: () => {},
    });
    for (const [req] of api.trainTensorflow.mock.calls) {
      expect(req).toMatchObject({ mode: 'linear', hiddenDim: 128, numHiddenLayers: 2, dropout: 0.1 });
    }
    expect(rows.map((r) => [r.framework, r.hiddenDim, r.numHiddenLayers, r.dropout])).toEqual([
      ['tensorflow', 128, 2, 0.1],
      ['tensorflow', 128, 2, 0.1],
    ]);
  });

  it('keeps the combination as it is in mlp mode', async () => {
    const api = { trainTensorflow: vi.fn(async (_req: TensorflowTrainRequest) => trainResponse()) };
    await runTensorflowTraining({
      api,
      mode: 'mlp',
      datasetId: 'iris',
      combinations: [combination(1, { hiddenDim: 16, numHiddenLayers: 5, dropout: 0.5 })],
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(api.trainTensorflow.mock.calls[0]![0]).toMatchObject({
      mode: 'mlp',
      hiddenDim: 16,
      numHiddenLayers: 5,
      dropout: 0.5,
    });
  });

  it('stops before the next combination once the signal is aborted, passing the signal to the api', async () => {
    const controller = new AbortController();
    const seen: Array<AbortSignal | undefined> = [];
    const api = {
      trainPytorch: vi.fn(async (_req: TrainRequest, o?: CallOptions) => {
        seen.push(o?.signal);
        return trainResponse();
      }),
    };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2), combination(3)],
      appendRow: () => {},
      onProgress: (done) => {
        if (done === 1) controller.abort();
      },
      signal: controller.signal,
    });
    expect(api.trainPytorch).toHaveBeenCalledTimes(1);
    expect(rows).toHaveLength(1);
    expect(seen).toEqual([controller.signal]);
  });

  it('records the run cut short by an abort as a failed row saying Cancelled', async () => {
    const controller = new AbortController();
    const api = {
      trainPytorch: (_req: TrainRequest, o?: CallOptions) =>
        new Promise<TrainResponse>((_resolve, reject) => {
          o?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          controller.abort();
        }),
    };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2)],
      appendRow: () => {},
      onProgress: () => {},
      signal: controller.signal,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ result: 'failed', error: 'Cancelled', metric_score: 'n/a' });
    expect(rows[0]?.stopReason).toBe('cancelled');
  });

  it('makes no call when the signal is already aborted', async () => {
    const api = { trainPytorch: vi.fn(async () => trainResponse()) };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1)],
      appendRow: () => {},
      onProgress: () => {},
      signal: AbortSignal.abort(),
    });
    expect(rows).toEqual([]);
    expect(api.trainPytorch).not.toHaveBeenCalled();
  });

  it('calls the hooks in order: run start, epochs, run end, row, progress', async () => {
    const log: string[] = [];
    const api = {
      trainPytorch: async (_req: TrainRequest, o?: CallOptions) => {
        o?.onEpoch?.({ epoch: 1, epochs: 2, train_loss: 1, test_loss: 1 });
        o?.onEpoch?.({ epoch: 2, epochs: 2, train_loss: 0.5, test_loss: 0.6 });
        return trainResponse();
      },
    };
    await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(2)],
      onRunStart: (i, c) => {
        log.push(`start ${i} epochs=${c.epochs}`);
      },
      onEpochEnd: (i, e) => log.push(`epochEnd ${i}:${e.epoch}`),
      onRunEnd: async (i, row) => {
        log.push(`end ${i} ${row.result}`);
      },
      appendRow: (row) => {
        log.push(`row ${row.result}`);
      },
      onProgress: (done, total) => {
        log.push(`progress ${done}/${total}`);
      },
    });
    expect(log).toEqual([
      'start 0 epochs=2',
      'epochEnd 0:1',
      'epochEnd 0:2',
      'end 0 completed',
      'row completed',
      'progress 1/1',
    ]);
  });

  it('does not ask for epoch events when no one listens', async () => {
    const api = { trainPytorch: vi.fn(async (_req: TrainRequest, _o?: CallOptions) => trainResponse()) };
    await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1)],
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(api.trainPytorch.mock.calls[0]![1]).toEqual({});
  });

  it('with concurrency, trains combinations at once but appends rows and progress in combination order', async () => {
    const answers = [deferred<TrainResponse>(), deferred<TrainResponse>(), deferred<TrainResponse>()];
    const api = { trainPytorch: vi.fn((req: TrainRequest) => answers[req.epochs - 1]!.promise) };
    const appended: number[] = [];
    const ended: number[] = [];
    const progress: number[] = [];
    const run = runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2), combination(3)],
      concurrency: 2,
      appendRow: (row) => {
        appended.push(row.epochs);
      },
      onRunEnd: (i) => {
        ended.push(i);
      },
      onProgress: (done) => {
        progress.push(done);
      },
    });
    await vi.waitFor(() => expect(api.trainPytorch).toHaveBeenCalledTimes(2));
    answers[1]!.resolve(trainResponse());
    await vi.waitFor(() => expect(ended).toEqual([1]));
    expect(appended).toEqual([]);
    answers[0]!.resolve(trainResponse());
    await vi.waitFor(() => expect(api.trainPytorch).toHaveBeenCalledTimes(3));
    answers[2]!.resolve(trainResponse());
    const rows = await run;
    expect(rows.map((r) => r.epochs)).toEqual([1, 2, 3]);
    expect(appended).toEqual([1, 2, 3]);
    expect(progress).toEqual([1, 2, 3]);
    expect(ended).toEqual([1, 0, 2]);
  });

  it('returns no rows for no combinations', async () => {
    const onProgress = vi.fn();
    const rows = await runPytorchTraining({
      api: { trainPytorch: async () => trainResponse() },
      datasetId: 'iris',
      combinations: [],
      appendRow: () => {},
      onProgress,
    });
    expect(rows).toEqual([]);
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('trains only the given indexes, in their order, tagging sweep requests with the grid position', async () => {
    const api = { trainPytorch: vi.fn(async (_req: TrainRequest) => trainResponse()) };
    const started: number[] = [];
    const onProgress = vi.fn();
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2), combination(3), combination(4)],
      indexes: [3, 1],
      sweepId: 'swp-1',
      onRunStart: (i) => {
        started.push(i);
      },
      appendRow: () => {},
      onProgress,
    });
    expect(rows.map((r) => r.epochs)).toEqual([4, 2]);
    expect(started).toEqual([3, 1]);
    expect(onProgress.mock.calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(api.trainPytorch.mock.calls.map(([req]) => [req.sweepId, req.combinationIndex])).toEqual([
      ['swp-1', 3],
      ['swp-1', 1],
    ]);
  });

  it('lets a start hook stop one combination early: a stopped row, not a failure or a cancel, and the sweep goes on', async () => {
    const api = {
      trainPytorch: (req: TrainRequest, o?: CallOptions) =>
        req.epochs === 2
          ? new Promise<TrainResponse>((_resolve, reject) =>
              o?.signal?.addEventListener('abort', () =>
                reject(new MlApiError('CANCELLED', 'Training cancelled')),
              ),
            )
          : Promise.resolve(trainResponse()),
    };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2), combination(3)],
      onRunStart: (i, _c, run) => {
        if (i === 1) setTimeout(() => run?.stop(), 1);
      },
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(rows.map((r) => [r.result, r.stopReason])).toEqual([
      ['completed', undefined],
      ['failed', 'stopped'],
      ['completed', undefined],
    ]);
    expect(rows[1]).toMatchObject({ error: 'Stopped early by the sweep scheduler', metric_score: 'n/a' });
  });

  it('lets a start hook prune one combination: the engine answers early and the row is completed and pruned', async () => {
    const api = {
      trainPytorch: (req: TrainRequest, o?: CallOptions) =>
        req.epochs === 2
          ? new Promise<TrainResponse>((resolve) =>
              o?.prune?.addEventListener('abort', () =>
                resolve({ ...trainResponse(), pruned: true, stopped_epoch: 1, best_epoch: 1 }),
              ),
            )
          : Promise.resolve(trainResponse()),
    };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2)],
      onRunStart: (i, _c, run) => {
        if (i === 1) setTimeout(() => run?.prune(), 1);
      },
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(rows.map((r) => [r.result, r.pruned ?? false])).toEqual([
      ['completed', false],
      ['completed', true],
    ]);
    expect(rows[1]).toMatchObject({ stopped_epoch: 1 });
    expect(rows[1]).not.toHaveProperty('stopReason');
  });

  it('starts no combination once the budget says it is spent; the runs already started finish', async () => {
    const api = { trainPytorch: vi.fn(async (_req: TrainRequest, _o?: CallOptions) => trainResponse()) };
    let started = 0;
    const budget = {
      end: () => (started >= 2 ? { reason: 'maxRuns' as const, message: 'Budget spent' } : null),
      started: () => {
        started++;
      },
    };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2), combination(3)],
      budget,
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(rows).toHaveLength(2);
    expect(api.trainPytorch).toHaveBeenCalledTimes(2);
  });

  it('asks for more combinations after its indexes while the budget allows, tagging them with the given index', async () => {
    const api = { trainPytorch: vi.fn(async (_req: TrainRequest, _o?: CallOptions) => trainResponse()) };
    let asked = 0;
    const ends: number[] = [];
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1)],
      sweepId: 's',
      ask: async () => (asked < 3 ? { index: 10 + asked, combination: combination(10 + asked++) } : null),
      onRunEnd: (i) => {
        ends.push(i);
      },
      concurrency: 2,
      appendRow: () => {},
      onProgress: () => {},
    });
    expect(rows.map((r) => r.epochs)).toEqual([1, 10, 11, 12]);
    expect(ends.sort((a, b) => a - b)).toEqual([0, 10, 11, 12]);
    expect(api.trainPytorch.mock.calls.map(([req]) => req.combinationIndex).sort()).toEqual([0, 10, 11, 12]);
  });

  it('sends the selection options with every request', async () => {
    const api = { trainPytorch: vi.fn(async (_req: TrainRequest, _o?: CallOptions) => trainResponse()) };
    await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2)],
      selection: { validationSize: 0.2, patience: 3 },
      appendRow: () => {},
      onProgress: () => {},
    });
    for (const [req] of api.trainPytorch.mock.calls)
      expect(req).toMatchObject({ validationSize: 0.2, patience: 3 });
  });

  it('turns a malformed answer (missing fields) into a DR-003 failed row and goes on', async () => {
    const { metric_score: _dropped, ...withoutScore } = trainResponse();
    const api = {
      trainPytorch: vi
        .fn<(req: TrainRequest) => Promise<TrainResponse>>()
        .mockResolvedValueOnce(withoutScore as TrainResponse)
        .mockResolvedValueOnce(undefined as unknown as TrainResponse)
        .mockResolvedValueOnce(trainResponse()),
    };
    const rows = await runPytorchTraining({
      api,
      datasetId: 'iris',
      combinations: [combination(1), combination(2), combination(3)],
      appendRow: () => {},
      onProgress: () => {},
      idGenerator: ids(),
    });
    expect(rows.map((r) => r.result)).toEqual(['failed', 'failed', 'completed']);
    expect(rows[0]).toMatchObject({
      metric_name: 'n/a',
      metric_score: 'n/a',
      train_loss: 'n/a',
      test_loss: 'n/a',
      error: expect.stringMatching(/^The backend's training answer is malformed: metric_score/),
    });
    expect(rows[1]?.error).toMatch(/^The backend's training answer is malformed/);
  });
});
