import { bestRun, type RankedRow } from './bestRun.js';
import type { StoredRun, SweepBest, SweepRecord } from './studioTypes.js';
import type { TrainingCombination } from './types.js';

/**
 * What a sweep is called: its given name, else "digits · pytorch · 8 runs" (every page and the CLI
 * say the same).
 *
 * @example sweepDisplayName({ fields: { datasetId: 'digits', framework: 'pytorch' }, total: 8 }) // 'digits · pytorch · 8 runs'
 */
export function sweepDisplayName(
  rec: Pick<SweepRecord, 'name' | 'total'> & {
    fields: Pick<SweepRecord['fields'], 'datasetId' | 'framework' | 'mode'>;
  },
): string {
  if (rec.name) return rec.name;
  const framework = rec.fields.mode === 'linear' ? `${rec.fields.framework} linear` : rec.fields.framework;
  return `${rec.fields.datasetId} · ${framework} · ${rec.total} ${rec.total === 1 ? 'run' : 'runs'}`;
}

type Scored = RankedRow & Pick<StoredRun, 'id' | 'combinationIndex'>;

/**
 * The sweep's best completed run by core's one rule (`bestRun`): the validation score when every
 * completed run has one, else the test score; a pruned run never wins; the first in grid order wins a tie.
 *
 * @example sweepBest(runs) // { runId: 'r3', metric_name: 'accuracy', score: 0.97, validation: true }
 */
export function sweepBest(runs: readonly Scored[]): SweepBest | undefined {
  const { index, by } = bestRun(runs);
  const r = runs[index];
  if (!r) return undefined;
  const validation = by === 'val_score';
  const best: SweepBest = {
    runId: r.id,
    metric_name: r.metric_name,
    score: (validation ? r.val_score : r.metric_score) as number,
    validation,
  };
  if (r.combinationIndex !== undefined) best.combinationIndex = r.combinationIndex;
  return best;
}

/** Wall time of a sweep from its creation to its end (or `now` while it runs), in ms. */
export function sweepDurationMs(rec: Pick<SweepRecord, 'createdAt' | 'finishedAt'>, now: number): number {
  const end = rec.finishedAt ? Date.parse(rec.finishedAt) : now;
  return Math.max(0, end - Date.parse(rec.createdAt));
}

const comboKey = (c: TrainingCombination) =>
  JSON.stringify([
    c.epochs,
    c.batchSize,
    c.learningRate,
    c.testSize,
    c.hiddenDim,
    c.numHiddenLayers,
    c.dropout,
  ]);

/**
 * Extending a sweep only adds values: the sweep keeps its combinations (and their indexes, so
 * stored runs still point at theirs) and appends those of the new grid it lacks. `missing` names
 * the first old combination the new grid drops (the lists lost a value): then nothing is extended.
 *
 * @example extendCombinations(old, grid) // { combinations: [...old, ...added], added: [8, 9, 10, 11] }
 */
export function extendCombinations(
  old: readonly TrainingCombination[],
  grid: readonly TrainingCombination[],
): { combinations: TrainingCombination[]; added: number[] } | { missing: number } {
  const inGrid = new Set(grid.map(comboKey));
  const missing = old.findIndex((c) => !inGrid.has(comboKey(c)));
  if (missing >= 0) return { missing };
  const have = new Set(old.map(comboKey));
  const fresh = grid.filter((c) => !have.has(comboKey(c)));
  return { combinations: [...old, ...fresh], added: fresh.map((_, i) => old.length + i) };
}

/** What the Sweeps page, `GET /api/sweeps` and `trainyard sweep list` filter by. */
export interface SweepFilter {
  status?: SweepRecord['status'];
  framework?: SweepRecord['fields']['framework'];
  datasetId?: string;
  tag?: string;
  /** Words to find in the name (default name included), tags or notes, case-insensitive. */
  text?: string;
}

/**
 * Whether a sweep passes every filter given.
 *
 * @example sweeps.filter((s) => matchesSweepFilter(s, { tag: 'lr', status: 'completed' }))
 */
export function matchesSweepFilter(rec: SweepRecord, f: SweepFilter): boolean {
  if (f.status && rec.status !== f.status) return false;
  if (f.framework && rec.fields.framework !== f.framework) return false;
  if (f.datasetId && rec.fields.datasetId !== f.datasetId) return false;
  if (f.tag && !(rec.tags ?? []).includes(f.tag)) return false;
  if (f.text) {
    const haystack = [sweepDisplayName(rec), ...(rec.tags ?? []), rec.notes ?? '', rec.id]
      .join('\n')
      .toLowerCase();
    if (
      !f.text
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => haystack.includes(w))
    )
      return false;
  }
  return true;
}

/** Grids above this many combinations ask for confirmation before they start. */
export const CONFIRM_SWEEP_ABOVE = 500;

/**
 * Whether a grid of `count` combinations needs confirming and how long it would take at the mean
 * duration of the runs measured so far (none measured: no estimate).
 *
 * @example sweepEstimate(1200, [5000, 7000]) // { confirm: true, perRunMs: 6000, totalMs: 7200000 }
 */
export function sweepEstimate(
  count: number,
  measuredMs: readonly number[],
): { confirm: boolean; perRunMs?: number; totalMs?: number } {
  const confirm = count > CONFIRM_SWEEP_ABOVE;
  const measured = measuredMs.filter((ms) => Number.isFinite(ms) && ms > 0);
  if (measured.length === 0) return { confirm };
  const perRunMs = measured.reduce((a, b) => a + b, 0) / measured.length;
  return { confirm, perRunMs, totalMs: perRunMs * count };
}
