import { storedRun } from '@trainyard/core/testing';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/fakeStudioClient.js';
import { createSweepReporter } from './sweepReporter.js';

const colors = pc.createColors(false);

describe('createSweepReporter', () => {
  it('prints one plain line per finished row when not on a terminal, once per row', () => {
    const { io, stderr, stdout } = memoryIo({ isTTY: false });
    const reporter = createSweepReporter({ io, colors, total: 2 });
    const row = storedRun({ id: 'a' });
    reporter.onEvent({ type: 'row', row: { ...row, status: 'running', result: 'running' } });
    reporter.onEvent({ type: 'row', row });
    reporter.onEvent({ type: 'row', row });
    reporter.onEvent({
      type: 'epoch',
      combinationIndex: 1,
      epoch: 1,
      epochs: 10,
      train_loss: 1,
      test_loss: 1,
    });
    reporter.stop();
    expect(stderr()).toBe(
      '[1/2] completed epochs=10 batch=16 lr=0.01 test=0.2 hidden=64 layers=2 dropout=0.1 accuracy=0.9000 test_loss=0.3500\n',
    );
    expect(stdout()).toBe('');
  });

  it('draws a bar with the combination count and the run in flight on a terminal', () => {
    const { io, stderr } = memoryIo({ isTTY: true });
    const reporter = createSweepReporter({ io, colors, total: 4 });
    reporter.onEvent({ type: 'progress', done: 1, total: 4 });
    reporter.onEvent({
      type: 'epoch',
      combinationIndex: 1,
      epoch: 3,
      epochs: 10,
      train_loss: 0.5,
      test_loss: 0.6,
    });
    reporter.stop();
    expect(stderr()).toContain('1/4 combinations | run 2: epoch 3/10, loss 0.5000');
  });
});
