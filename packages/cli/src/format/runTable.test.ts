import { bestRunIndex } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { BEST_MARK, formatRunTable } from './runTable.js';

const colors = pc.createColors(false);
const failed = storedRun({
  id: 'run-f',
  result: 'failed',
  metric_name: 'n/a',
  metric_score: 'n/a',
  train_loss: 'n/a',
  test_loss: 'n/a',
  error: 'Loss became NaN',
});

describe('bestRunIndex', () => {
  it('picks the highest completed score, the first one on ties, skipping failed rows', () => {
    const rows = [
      failed,
      storedRun({ metric_score: 0.8 }),
      storedRun({ metric_score: 0.95 }),
      storedRun({ metric_score: 0.95 }),
    ];
    expect(bestRunIndex(rows)).toBe(2);
  });

  it('is -1 when nothing completed', () => {
    expect(bestRunIndex([failed])).toBe(-1);
  });
});

describe('formatRunTable', () => {
  it('marks the best row with a star and names its model', () => {
    const text = formatRunTable(
      [
        storedRun({ metric_score: 0.8, modelId: 'mdl-a' }),
        storedRun({ id: 'run-2', metric_score: 0.97, modelId: 'mdl-b' }),
      ],
      { colors, markBest: true },
    );
    const bestLine = text.split('\n').find((line) => line.includes('mdl-b') && line.includes('│'));
    expect(bestLine).toContain(BEST_MARK);
    expect(bestLine).toContain('0.9700');
    expect(text).toContain('best: row 2, accuracy 0.9700, model mdl-b');
  });

  it('shows the validation score (± std under k-fold) and says the best row won on it, test beside', () => {
    const text = formatRunTable(
      [
        storedRun({ metric_score: 0.9, val_score: 0.95, val_score_std: 0.0312, modelId: 'mdl-a' }),
        storedRun({ id: 'run-2', metric_score: 0.97, val_score: 0.9, val_score_std: 0.05, modelId: 'mdl-b' }),
      ],
      { colors, markBest: true },
    );
    expect(text).toContain('val score');
    expect(text).toContain('0.9500 ± 0.0312');
    expect(text).toContain(
      'best: row 1, validation accuracy 0.9500 ± 0.0312 (test accuracy 0.9000), model mdl-a',
    );
  });

  it("shows a failed row's metrics as n/a and its reason below the table", () => {
    const text = formatRunTable([failed], { colors, markBest: true });
    expect(text).toContain('n/a');
    expect(text).toContain('row 1 failed: Loss became NaN');
    expect(text).not.toContain('best:');
  });

  it('shows a run still training as running… with n/a metrics, not as a failure, and never best', () => {
    const running = storedRun({
      id: 'run-r',
      result: 'running',
      metric_name: 'n/a',
      metric_score: 'n/a',
      train_loss: 'n/a',
      test_loss: 'n/a',
      modelId: undefined,
    });
    const text = formatRunTable([running, storedRun({ metric_score: 0.8 })], { colors, markBest: true });
    const line = text.split('\n').find((l) => l.includes('running'));
    expect(line).toContain('running…');
    expect(line).toContain('n/a');
    expect(line).not.toContain(BEST_MARK);
    expect(text).not.toContain('failed');
    expect(text).toContain('best: row 2, accuracy 0.8000');
  });

  it('writes no escape codes when colours are off', () => {
    const text = formatRunTable([storedRun()], { colors, markBest: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes on purpose
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('adds framework, dataset and kind columns for a history', () => {
    const text = formatRunTable([storedRun({ framework: 'tensorflow', mode: 'linear' })], {
      colors,
      showContext: true,
    });
    expect(text).toContain('tensorflow (linear)');
    expect(text).toContain('iris');
    expect(text).not.toContain(BEST_MARK);
  });
});
