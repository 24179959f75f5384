import { describe, expect, it } from 'vitest';
import { teacherCandidates } from './teacherCandidates.js';
import { storedRun } from './testFixtures.js';
import type { RunRow } from './types.js';

const sessionRow = (modelId: string | undefined, overrides: Partial<RunRow> = {}) =>
  ({ ...storedRun({ id: `s-${modelId}`, modelId }), ...overrides }) as RunRow;

describe('teacherCandidates', () => {
  it("takes this session's completed rows of the dataset first, then stored training runs, one per model", () => {
    const candidates = teacherCandidates(
      [
        sessionRow('m1'),
        sessionRow('m2', { result: 'failed' }),
        sessionRow(undefined),
        sessionRow('m3', { datasetId: 'wine' }),
        sessionRow('m4'),
      ],
      [
        storedRun({ id: 'r1', modelId: 'm1' }),
        storedRun({ id: 'r5', modelId: 'm5' }),
        storedRun({ id: 'r6', modelId: 'm6', kind: 'distill' }),
        storedRun({ id: 'r7', modelId: 'm7', result: 'running' }),
      ],
      'iris',
    );
    expect(candidates.map((c) => [c.row.modelId, c.source])).toEqual([
      ['m1', { kind: 'session', index: 0 }],
      ['m4', { kind: 'session', index: 4 }],
      ['m5', { kind: 'stored' }],
    ]);
  });

  it('has none without a history or completed rows', () => {
    expect(teacherCandidates([], undefined, null)).toEqual([]);
  });
});
