import { describe, expect, it } from 'vitest';
import { initialSweepState, type SweepAction, type SweepState, sweepReducer } from './sweepState.js';
import { combination } from './testFixtures.js';
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
