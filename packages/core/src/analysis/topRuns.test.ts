import { describe, expect, it } from 'vitest';
import { bestRun } from '../bestRun.js';
import { storedRun } from '../testFixtures.js';
import { topRuns } from './topRuns.js';

describe('topRuns', () => {
  it('ranks by the selection metric, ties like bestRun, and leaves out failed and pruned runs', () => {
    const runs = [
      storedRun({ id: 'a', sweepId: 's', combinationIndex: 2, metric_score: 0.9, val_score: 0.8 }),
      storedRun({ id: 'b', sweepId: 's', combinationIndex: 1, metric_score: 0.7, val_score: 0.8 }),
      storedRun({ id: 'c', sweepId: 's', combinationIndex: 0, metric_score: 0.99, val_score: 0.6 }),
      storedRun({ id: 'd', sweepId: 's', combinationIndex: 3, metric_score: 1, val_score: 1, pruned: true }),
      storedRun({ id: 'e', sweepId: 's', combinationIndex: 4, result: 'failed', metric_score: 'n/a' }),
    ];
    const top = topRuns(runs, 2);
    expect(top.metric).toBe('val_score');
    expect(top.scored.map((s) => [s.run.id, s.score])).toEqual([
      ['b', 0.8],
      ['a', 0.8],
    ]);
    expect(runs[bestRun(runs).index]?.id).toBe('b');
    expect(top.excluded).toMatchObject({ failed: 1, pruned: 1 });
    expect(topRuns(runs, 5, 'metric_score').scored.map((s) => s.run.id)).toEqual(['c', 'a', 'b']);
  });
});
