import { describe, expect, it } from 'vitest';
import { formatDuration, runKindLabel, runNumber } from './runLabel.js';

describe('run labels', () => {
  it('names the kind: sweep run, single run, distilled student', () => {
    expect(runKindLabel({ kind: 'train', sweepId: 's1' })).toBe('sweep run');
    expect(runKindLabel({ kind: 'train' })).toBe('single run');
    expect(runKindLabel({ kind: 'distill', sweepId: 's1' })).toBe('distilled student');
  });

  it('numbers a sweep run as the sweep page does (combination index + 1), and nothing else', () => {
    expect(runNumber({ sweepId: 's1', combinationIndex: 0 })).toBe(1);
    expect(runNumber({ combinationIndex: 3 })).toBeUndefined();
  });

  it('formats durations in ms, s and min', () => {
    expect([
      formatDuration(850),
      formatDuration(12_340),
      formatDuration(245_000),
      formatDuration(undefined),
    ]).toEqual(['850 ms', '12.3 s', '4 min 05 s', 'n/a']);
  });
});
