import { describe, expect, it } from 'vitest';
import type { SweepRecord } from './studioTypes.js';
import {
  initialSweepState,
  SWEEP_END_MESSAGES,
  type SweepAction,
  type SweepState,
  sweepReducer,
} from './sweepState.js';
import { combination, storedRun } from './testFixtures.js';
import type { RunRow } from './types.js';

const row = (id: string) => ({ id }) as RunRow;
const reduce = (actions: SweepAction[], from: SweepState = initialSweepState) =>
  actions.reduce(sweepReducer, from);

describe('sweepReducer', () => {
  it('goes idle → running → done, collecting rows, progress and the run in flight', () => {
    const epoch = { epoch: 1, epochs: 5, train_loss: 1, test_loss: 1 };
    const running = reduce([
      { type: 'start', total: 2 },
      { type: 'runStart', index: 0, combination: combination(5) },
      { type: 'epoch', index: 0, event: epoch },
    ]);
    expect(running).toEqual({
      status: 'running',
      rows: [],
      done: 0,
      total: 2,
      histories: [[epoch]],
      datasetId: null,
      current: { index: 0, combination: combination(5), epoch },
    });
    const done = reduce(
      [
        { type: 'row', row: row('a') },
        { type: 'progress', done: 1, total: 2 },
        { type: 'row', row: row('b') },
        { type: 'progress', done: 2, total: 2 },
        { type: 'finish' },
      ],
      running,
    );
    expect(done).toEqual({
      status: 'done',
      rows: [row('a'), row('b')],
      done: 2,
      total: 2,
      histories: [[epoch]],
      datasetId: null,
    });
  });

  it('keeps rows that land after cancel but ignores a later finish', () => {
    const state = reduce([
      { type: 'start', total: 3 },
      { type: 'cancel' },
      { type: 'row', row: row('late') },
      { type: 'progress', done: 1, total: 3 },
      { type: 'finish' },
    ]);
    expect(state).toEqual({
      status: 'cancelled',
      rows: [row('late')],
      done: 1,
      total: 3,
      histories: [],
      datasetId: null,
    });
  });

  it('records a failure with its message and resets to idle', () => {
    const failed = reduce([
      { type: 'start', total: 1 },
      { type: 'fail', error: 'Server down' },
    ]);
    expect(failed).toEqual({
      status: 'failed',
      rows: [],
      done: 0,
      total: 1,
      histories: [],
      datasetId: null,
      error: 'Server down',
    });
    expect(sweepReducer(failed, { type: 'reset' })).toBe(initialSweepState);
  });

  it('ignores run events while idle and epochs of another run', () => {
    expect(reduce([{ type: 'row', row: row('x') }, { type: 'finish' }])).toBe(initialSweepState);
    const running = reduce([
      { type: 'start', total: 2 },
      { type: 'runStart', index: 1, combination: combination(1) },
    ]);
    const event = { epoch: 1, epochs: 1, train_loss: 0, test_loss: 0 };
    // Another run's epoch (concurrent runs) goes into its history, not into the run in flight.
    const next = sweepReducer(running, { type: 'epoch', index: 0, event });
    expect(next.status === 'running' && next.current).toBe(running.status === 'running' && running.current);
    expect(next.histories).toEqual([[event]]);
    expect(sweepReducer(initialSweepState, { type: 'epoch', index: 0, event })).toBe(initialSweepState);
  });

  it('keeps each combination’s losses, the dataset and the mode of the rows, and starts them afresh', () => {
    const e = (epoch: number) => ({ epoch, epochs: 2, train_loss: 1 / epoch, test_loss: 1 });
    const first = reduce([
      { type: 'start', total: 2, datasetId: 'wine', mode: 'linear' },
      { type: 'epoch', index: 1, event: e(1) },
      { type: 'epoch', index: 0, event: e(1) },
      { type: 'epoch', index: 1, event: e(2) },
      { type: 'cancel' },
      { type: 'epoch', index: 0, event: e(2) },
    ]);
    expect(first).toMatchObject({ status: 'cancelled', datasetId: 'wine', mode: 'linear' });
    expect(first.histories).toEqual([
      [e(1), e(2)],
      [e(1), e(2)],
    ]);
    const second = sweepReducer(first, { type: 'start', total: 1, datasetId: 'iris' });
    expect(second).toMatchObject({ histories: [], datasetId: 'iris' });
    expect(second).not.toHaveProperty('mode');
  });

  it('throws on an action it does not know (programmer error)', () => {
    expect(() => sweepReducer(initialSweepState, { type: 'bogus' } as unknown as SweepAction)).toThrow(
      'Unknown sweep action',
    );
  });
});

describe('sweepReducer following a durable sweep', () => {
  const sweep = {
    id: 's1',
    status: 'running',
    fields: { framework: 'tensorflow', mode: 'linear', datasetId: 'digits' },
    combinations: [combination(5), combination(10), combination(20)],
    total: 3,
  } as unknown as SweepRecord;
  const epoch = { epoch: 1, epochs: 10, train_loss: 1, test_loss: 1 };
  const counts = { done: 1, failed: 0, cancelled: 1, interrupted: 0, stopped: 0 };

  it('attaches running, then keeps one row per combination in grid order, with its stored curve', () => {
    const history = [epoch];
    const state = reduce([
      { type: 'attach', sweep },
      { type: 'sweepEvent', event: { type: 'epoch', combinationIndex: 1, ...epoch } },
      {
        type: 'sweepEvent',
        event: {
          type: 'row',
          row: storedRun({ id: 'b', combinationIndex: 2, result: 'completed', history }),
        },
      },
      {
        type: 'sweepEvent',
        event: { type: 'row', row: storedRun({ id: 'a', combinationIndex: 0, result: 'failed' }) },
      },
      // A resume's completed attempt replaces the failed one; a later failed one does not.
      {
        type: 'sweepEvent',
        event: { type: 'row', row: storedRun({ id: 'a2', combinationIndex: 0, result: 'completed' }) },
      },
      {
        type: 'sweepEvent',
        event: { type: 'row', row: storedRun({ id: 'a3', combinationIndex: 0, result: 'failed' }) },
      },
      { type: 'sweepEvent', event: { type: 'progress', total: 3, ...counts } },
    ]);
    expect(state).toMatchObject({
      status: 'running',
      sweepId: 's1',
      datasetId: 'digits',
      mode: 'linear',
      done: 2,
      total: 3,
      current: { index: 1, combination: combination(10), epoch },
    });
    expect(state.rows.map((r) => r.id)).toEqual(['a2', 'b']);
    expect(state.histories[2]).toEqual(history);
    expect(state.histories[1]).toEqual([epoch]);
  });

  it('ends as the sweep says: completed is done, cancelled cancelled, interrupted a failure that says so', () => {
    const end = (status: SweepRecord['status']) =>
      reduce([
        { type: 'attach', sweep },
        { type: 'sweepEvent', event: { type: 'done', status } },
      ]);
    expect(end('completed').status).toBe('done');
    expect(end('cancelled').status).toBe('cancelled');
    expect(end('interrupted')).toMatchObject({ status: 'failed', error: SWEEP_END_MESSAGES.interrupted });
    expect(end('failed')).toMatchObject({ status: 'failed', error: SWEEP_END_MESSAGES.failed });
  });

  it('clears the sweep of a previous follow when a browser sweep starts', () => {
    const state = reduce([
      { type: 'attach', sweep },
      { type: 'start', total: 1 },
    ]);
    expect(state.sweepId).toBeUndefined();
  });
});
