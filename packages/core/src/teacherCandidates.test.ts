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
    expect(candidates.map((c) => [c.row.modelId, c.source] as const)).toEqual([
      ['m1', { kind: 'session', index: 0 }],
      ['m4', { kind: 'session', index: 4 }],
      ['m5', { kind: 'stored' }],
    ]);
  });

  it('has none without a history or completed rows', () => {
    expect(teacherCandidates([], undefined, null)).toEqual([]);
  });

  it('names each teacher by sweep, run number, time and score, once, whether it is in this session or stored', () => {
    const sweepRun = storedRun({
      id: 'r1',
      modelId: 'm1',
      sweepId: 'sw_3f2a9c1e99',
      combinationIndex: 3,
      metric_score: 0.96667,
    });
    const single = storedRun({ id: 'r2', modelId: 'm2', createdAt: '2026-05-01T14:02:33.000Z' });
    // The durable sweep's row is also in the history: listed once, under its sweep.
    const candidates = teacherCandidates([sweepRun as RunRow], [sweepRun, single], 'iris');
    expect(candidates.map((c) => c.label)).toEqual([
      'Sweep sw_3f2a9 · run #4 · 2026-01-01 00:00 · accuracy 0.9667 · 2×64 · 10 epochs · lr 0.01',
      'Single run · 2026-05-01 14:02 · accuracy 0.9000 · 2×64 · 10 epochs · lr 0.01',
    ]);
  });

  it('adds the model id when two teachers would read the same', () => {
    const twin = (n: number) => storedRun({ id: `r${n}`, modelId: `m${n}` });
    expect(teacherCandidates([], [twin(1), twin(2)], 'iris').map((c) => c.label)).toEqual([
      'Single run · 2026-01-01 00:00 · accuracy 0.9000 · 2×64 · 10 epochs · lr 0.01 · m1',
      'Single run · 2026-01-01 00:00 · accuracy 0.9000 · 2×64 · 10 epochs · lr 0.01 · m2',
    ]);
  });
});
