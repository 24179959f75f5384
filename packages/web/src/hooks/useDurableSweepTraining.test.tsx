import { act, cleanup, waitFor } from '@testing-library/react';
import type { SweepRecord } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { memoryStorage } from '../testing/memoryStorage.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { lastSweepKey, useDurableSweepTraining } from './useDurableSweepTraining.js';
import { sweepFormKey } from './useSweepForm.js';

afterEach(cleanup);

const running = (id: string, framework = 'pytorch'): SweepRecord =>
  ({
    id,
    status: 'running',
    fields: { framework, datasetId: 'digits' },
    combinations: [{ epochs: 5 }, { epochs: 10 }],
    total: 2,
    done: 0,
    failed: 0,
    cancelled: 0,
    interrupted: 0,
    stopped: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
  }) as unknown as SweepRecord;

describe('useDurableSweepTraining', () => {
  it('reattaches at load to the running sweep with its rows, progress and curves; leaving never cancels', async () => {
    const studio = createFakeStudio({ sweeps: [running('t1', 'tensorflow'), running('p1')] });
    const storage = memoryStorage();
    const { result, unmount } = renderWithApi(
      () => useDurableSweepTraining({ framework: 'pytorch', storage }),
      createFakeMlApi(),
      { studio },
    );
    await waitFor(() => expect(studio.followerCount('p1')).toBe(1));
    const history = [{ epoch: 1, epochs: 5, train_loss: 1, test_loss: 1 }];
    act(() => {
      studio.emit('p1', { type: 'row', row: storedRun({ id: 'r0', combinationIndex: 0, history }) });
      studio.emit('p1', {
        type: 'progress',
        total: 2,
        done: 1,
        failed: 0,
        cancelled: 0,
        interrupted: 0,
        stopped: 0,
      });
      studio.emit('p1', {
        type: 'epoch',
        combinationIndex: 1,
        epoch: 2,
        epochs: 10,
        train_loss: 0.5,
        test_loss: 0.6,
      });
    });
    expect(result.current.state).toMatchObject({ status: 'running', sweepId: 'p1', done: 1, total: 2 });
    expect(result.current.datasetId).toBe('digits');
    expect(result.current.state.rows.map((r) => r.id)).toEqual(['r0']);
    expect(result.current.histories[0]).toEqual(history);
    expect(result.current.state.status === 'running' && result.current.state.current?.index).toBe(1);
    expect(storage.data.get(lastSweepKey('pytorch'))).toBe('p1');
    unmount();
    expect(studio.followerCount('p1')).toBe(0);
    expect(studio.cancelled).toEqual([]);
  });

  it('starts the sweep on the server with the typed fields and cancels it there', async () => {
    const studio = createFakeStudio();
    const { result } = renderWithApi(
      () => useDurableSweepTraining({ framework: 'tensorflow', mode: 'linear', storage: null }),
      createFakeMlApi(),
      { studio },
    );
    act(() => result.current.setField('learningRates', '1e-3'));
    await act(() => result.current.start('iris'));
    const [created] = studio.sweeps;
    expect(created?.fields).toMatchObject({
      framework: 'tensorflow',
      mode: 'linear',
      datasetId: 'iris',
      learningRates: '1e-3',
    });
    await waitFor(() => expect(studio.followerCount(created!.id)).toBe(1));
    expect(result.current.state).toMatchObject({ status: 'running', sweepId: created!.id });
    act(() => result.current.cancel());
    await waitFor(() => expect(result.current.state.status).toBe('cancelled'));
    expect(studio.cancelled).toEqual([created!.id]);
  });

  it('keeps what the user typed across a reload, per page', () => {
    const storage = memoryStorage();
    const first = renderWithApi(
      () => useDurableSweepTraining({ framework: 'pytorch', storage }),
      createFakeMlApi(),
      { studio: createFakeStudio() },
    );
    act(() => first.result.current.setField('epochValues', '10,20,30'));
    first.unmount();
    expect(JSON.parse(storage.data.get(sweepFormKey('pytorch'))!)).toMatchObject({ epochValues: '10,20,30' });
    const again = renderWithApi(
      () => useDurableSweepTraining({ framework: 'pytorch', storage }),
      createFakeMlApi(),
      { studio: createFakeStudio() },
    );
    expect(again.result.current.fields.epochValues).toBe('10,20,30');
    const other = renderWithApi(
      () => useDurableSweepTraining({ framework: 'tensorflow', storage }),
      createFakeMlApi(),
      { studio: createFakeStudio() },
    );
    expect(other.result.current.fields.epochValues).toBe('20');
  });
});
