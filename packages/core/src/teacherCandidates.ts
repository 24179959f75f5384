import type { StoredRun } from './studioTypes.js';
import type { RunRow, TensorflowMode } from './types.js';

/** A run that can teach a distillation: completed, with a saved model. */
export type TeacherRow = RunRow & { result: 'completed'; modelId: string; mode?: TensorflowMode };

export interface TeacherCandidate {
  row: TeacherRow & Partial<Pick<StoredRun, 'sweepId' | 'combinationIndex' | 'createdAt' | 'parameterCount'>>;
  /** Where it comes from: this session's sweep (with its row index) or the stored history. */
  source: { kind: 'session'; index: number } | { kind: 'stored' };
  /**
   * How the picker names it: sweep and run number (as the sweep page numbers it), time, score and
   * shape; unique among the candidates (the model id is added when two would read the same).
   */
  label: string;
}

const canTeach = (run: { result: string; modelId?: string }): boolean =>
  run.result === 'completed' && Boolean(run.modelId);

/**
 * The runs a distillation may take as teacher, one per model: this session's completed rows of
 * `datasetId` first (in sweep order), then the stored history's completed training runs (never a
 * distilled student).
 *
 * @example teacherCandidates(state.rows, history, 'iris').map((c) => c.row.modelId)
 */
export function teacherCandidates(
  sessionRows: ReadonlyArray<RunRow & { mode?: TensorflowMode }>,
  stored: readonly StoredRun[] | undefined,
  datasetId: string | null,
): TeacherCandidate[] {
  // One per model and one per run: a durable sweep's rows are also in the stored history.
  const seen = new Set<string>();
  const out: Array<Omit<TeacherCandidate, 'label'>> = [];
  const add = (row: TeacherCandidate['row'], source: TeacherCandidate['source']) => {
    if (seen.has(row.modelId) || seen.has(`run:${row.id}`)) return;
    seen.add(row.modelId).add(`run:${row.id}`);
    out.push({ row, source });
  };
  sessionRows.forEach((row, index) => {
    if (canTeach(row) && row.datasetId === datasetId) add(row as TeacherRow, { kind: 'session', index });
  });
  for (const run of stored ?? []) {
    if (run.kind === 'train' && canTeach(run)) add(run as StoredRun & TeacherRow, { kind: 'stored' });
  }
  const labels = out.map(teacherLabel);
  return out.map((c, i) => {
    const label = labels[i]!;
    const clash = labels.indexOf(label) !== labels.lastIndexOf(label);
    return { ...c, label: clash ? `${label} · ${c.row.modelId}` : label };
  });
}

/**
 * A teacher's name in the picker.
 *
 * @example teacherLabel({ row, source: { kind: 'stored' } })
 * // 'Sweep 3f2a9c1e · run #4 · 2026-05-01 14:02 · accuracy 0.9667 · 2×64 · 10 epochs · lr 0.01'
 */
export function teacherLabel(c: Omit<TeacherCandidate, 'label'>): string {
  const { row, source } = c;
  const where =
    row.sweepId !== undefined && row.combinationIndex !== undefined
      ? `Sweep ${row.sweepId.slice(0, 8)} · run #${row.combinationIndex + 1}`
      : source.kind === 'session'
        ? `This sweep · run #${source.index + 1}`
        : 'Single run';
  const when = row.createdAt ? ` · ${row.createdAt.slice(0, 16).replace('T', ' ')}` : '';
  const score = typeof row.metric_score === 'number' ? row.metric_score.toFixed(4) : 'n/a';
  const shape = row.mode === 'linear' ? 'linear' : `${row.numHiddenLayers}×${row.hiddenDim}`;
  return `${where}${when} · ${row.metric_name} ${score} · ${shape} · ${row.epochs} epochs · lr ${row.learningRate}`;
}
