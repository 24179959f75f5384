import { describeOtherCounts } from '@trainyard/core';
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
    reporter.onEvent({ type: 'row', row: { ...row, result: 'running' } });
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

  it('counts rows without a total for a search bounded by time alone, and shows a k-fold score ± std', () => {
    const { io, stderr } = memoryIo({ isTTY: true });
    const reporter = createSweepReporter({ io, colors, total: 0 });
    reporter.onEvent({ type: 'row', row: storedRun({ id: 'a', val_score: 0.95, val_score_std: 0.0312 }) });
    reporter.stop();
    expect(stderr()).toBe(
      '[1] completed epochs=10 batch=16 lr=0.01 test=0.2 hidden=64 layers=2 dropout=0.1 val=0.9500±0.0312 accuracy=0.9000 test_loss=0.3500\n',
    );
  });

  it('draws a bar with the combination count and the run in flight on a terminal', () => {
    const { io, stderr } = memoryIo({ isTTY: true });
    const reporter = createSweepReporter({ io, colors, total: 4 });
    reporter.onEvent({
      type: 'progress',
      total: 4,
      done: 1,
      failed: 0,
      cancelled: 0,
      interrupted: 0,
      stopped: 0,
    });
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

  it('after a resume counts each combination once, up to the total, and skips cancelled attempts (issue 10 item 13)', () => {
    const { io, stderr } = memoryIo({ isTTY: false });
    const reporter = createSweepReporter({ io, colors, total: 4 });
    const at = (combinationIndex: number, over = {}) =>
      storedRun({ id: `r${combinationIndex}`, combinationIndex, ...over });
    const cancelled = { result: 'failed', stopReason: 'cancelled', error: 'Training cancelled' } as const;
    // Replayed first: two completed combinations and the attempt a Ctrl-C cancelled.
    for (const row of [at(0), at(1), at(2, { id: 'old', ...cancelled })])
      reporter.onEvent({ type: 'row', row });
    // Then live: combination 2 trained again, 3 for the first time, and combination 1 sent twice.
    for (const row of [at(2), at(3), at(1)]) reporter.onEvent({ type: 'row', row });
    reporter.stop();
    const lines = stderr().trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, 5))).toEqual(['[1/4]', '[2/4]', '[3/4]', '[4/4]']);
    expect(stderr()).not.toContain('cancelled');
  });

  it('fills the bar with combinations that have an outcome and names the other counts', () => {
    const { io, stderr } = memoryIo({ isTTY: true });
    const reporter = createSweepReporter({ io, colors, total: 4 });
    const counts = { done: 2, failed: 1, cancelled: 1, interrupted: 0, stopped: 0 };
    reporter.onEvent({ type: 'progress', total: 4, ...counts });
    reporter.stop();
    expect(stderr()).toContain('3/4 combinations');
    expect(describeOtherCounts(counts)).toBe(', 1 failed, 1 cancelled');
    expect(describeOtherCounts({ ...counts, failed: 0, cancelled: 0 })).toBe('');
  });
});
