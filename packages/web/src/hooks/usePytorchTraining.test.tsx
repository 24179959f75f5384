import { act, cleanup, waitFor } from '@testing-library/react';
import type { TrainRequest, TrainResponse } from '@trainyard/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callSignal, createFakeMlApi, deferred, rejectOnAbort, trainResponse } from '../testing/fakeMlApi.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { usePytorchTraining } from './usePytorchTraining.js';

afterEach(cleanup);

describe('usePytorchTraining', () => {
  it('AC-005: shows the validator’s exact message for epochs 0,10 and refuses to start', () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => usePytorchTraining(), api);
    act(() => result.current.setField('epochValues', '0,10'));
    expect(result.current.errors).toEqual({ epochValues: 'Epoch out of range (1-500): 0' });
    expect(result.current.canStart).toBe(false);
    expect(result.current.combinations).toHaveLength(0);
  });

  it('reports every bad field at once, each worded by its validator', () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => usePytorchTraining(), api);
    act(() => {
      result.current.setField('batchSizes', '0');
      result.current.setField('dropouts', '1');
    });
    expect(result.current.errors).toEqual({
      batchSizes: 'Batch size out of range (1-200): 0',
      dropouts: 'Dropout out of range (0-0.9): 1',
    });
  });

  it('counts the combinations of the grid before starting', () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(
      () => usePytorchTraining({ epochValues: '10,20', batchSizes: '16,32,64' }),
      api,
    );
    expect(result.current.combinations).toHaveLength(6);
    expect(result.current.canStart).toBe(true);
  });

  it('AC-003: with 3 combinations shows progress 1/3, 2/3, 3/3 and appends one row per combination', async () => {
    const api = createFakeMlApi();
    const pending: Array<{ req: TrainRequest; done: ReturnType<typeof deferred<TrainResponse>> }> = [];
    api.train = (req) => {
      const done = deferred<TrainResponse>();
      pending.push({ req, done });
      return done.promise;
    };
    const { result } = renderWithApi(() => usePytorchTraining({ batchSizes: '16,32,64' }), api);
    let finished!: Promise<void>;
    act(() => {
      finished = result.current.start('a');
    });
    expect(result.current.state).toMatchObject({ status: 'running', done: 0, total: 3 });
    for (let i = 0; i < 3; i++) {
      await waitFor(() => expect(pending).toHaveLength(i + 1));
      const call = pending[i]!;
      await act(async () => call.done.resolve(trainResponse(call.req)));
      await waitFor(() => expect(result.current.state.done).toBe(i + 1));
      expect(result.current.state.total).toBe(3);
      expect(result.current.state.rows).toHaveLength(i + 1);
    }
    await act(() => finished);
    expect(result.current.state.status).toBe('done');
    expect(result.current.state.rows.map((r) => r.batchSize)).toEqual([16, 32, 64]);
    expect(result.current.datasetId).toBe('a');
  });

  it('shows live epochs of the run in flight and keeps each run’s loss history', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => usePytorchTraining({ epochValues: '10,20' }), api);
    await act(() => result.current.start('a'));
    expect(result.current.state.status).toBe('done');
    expect(result.current.histories).toHaveLength(2);
    expect(result.current.histories[1]?.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('trains combinations that differ only in epochs once, with one row each (shared epoch prefixes)', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => usePytorchTraining({ epochValues: '10,20' }), api);
    await act(() => result.current.start('a'));
    const requests = api.calls
      .filter((c) => c.method === 'trainPytorch')
      .map((c) => c.args[0] as TrainRequest);
    expect(requests.map((r) => [r.epochs, r.epochCheckpoints])).toEqual([[20, [10]]]);
    expect(result.current.state.rows.map((r) => [r.epochs, r.modelId])).toEqual([
      [10, 'm-10-16'],
      [20, 'm-20-16'],
    ]);
  });

  it('DR-003: a failing combination becomes a failed row with n/a and its reason, and the sweep goes on', async () => {
    const api = createFakeMlApi();
    api.train = async (req, o) => {
      if (req.batchSize === 16) throw new Error('Loss became NaN at epoch 3');
      return trainResponse(req, o);
    };
    const { result } = renderWithApi(() => usePytorchTraining({ batchSizes: '16,32' }), api);
    await act(() => result.current.start('a'));
    const [failed, ok] = result.current.state.rows;
    expect(failed).toMatchObject({
      result: 'failed',
      metric_name: 'n/a',
      metric_score: 'n/a',
      train_loss: 'n/a',
      test_loss: 'n/a',
      error: 'Loss became NaN at epoch 3',
    });
    expect(ok).toMatchObject({ result: 'completed', batchSize: 32 });
    expect(result.current.state).toMatchObject({ status: 'done', done: 2, total: 2 });
  });

  it('cancel stops the run in flight and trains no further combination', async () => {
    const api = createFakeMlApi();
    api.train = (_req, o) => rejectOnAbort(o?.signal);
    const { result } = renderWithApi(() => usePytorchTraining({ batchSizes: '16,32,64' }), api);
    let finished!: Promise<void>;
    act(() => {
      finished = result.current.start('a');
    });
    await waitFor(() => expect(api.calls).toHaveLength(1));
    const signal = callSignal(api);
    act(() => result.current.cancel());
    await act(() => finished);
    expect(signal.aborted).toBe(true);
    expect(result.current.state.status).toBe('cancelled');
    expect(api.calls).toHaveLength(1);
    expect(result.current.state.rows).toHaveLength(1);
    expect(result.current.state.rows[0]).toMatchObject({ result: 'failed', error: 'Cancelled' });
    expect(result.current.canStart).toBe(true);
  });

  it('unmounting during a sweep aborts it, trains nothing more and updates no state', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = createFakeMlApi();
    const first = deferred<TrainResponse>();
    api.train = (req, o) => {
      o?.signal?.addEventListener('abort', () => first.resolve(trainResponse(req)));
      return first.promise;
    };
    let renders = 0;
    const { result, unmount } = renderWithApi(() => {
      renders++;
      return usePytorchTraining({ epochValues: '10,20,30' });
    }, api);
    act(() => {
      void result.current.start('a');
    });
    await waitFor(() => expect(api.calls).toHaveLength(1));
    const signal = callSignal(api);
    const rendersBefore = renders;
    unmount();
    expect(signal.aborted).toBe(true);
    await act(() => first.promise);
    await new Promise((r) => setTimeout(r, 20));
    expect(api.calls).toHaveLength(1);
    expect(renders).toBe(rendersBefore);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
