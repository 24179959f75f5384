import type { StoredRun } from './studioTypes.js';
import type { RunRow, TensorflowMode } from './types.js';

/** A run that can teach a distillation: completed, with a saved model. */
export type TeacherRow = RunRow & { result: 'completed'; modelId: string; mode?: TensorflowMode };

export interface TeacherCandidate {
  row: TeacherRow;
  /** Where it comes from: this session's sweep (with its row index) or the stored history. */
  source: { kind: 'session'; index: number } | { kind: 'stored' };
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
  const seen = new Set<string>();
  const out: TeacherCandidate[] = [];
  sessionRows.forEach((row, index) => {
    if (!canTeach(row) || row.datasetId !== datasetId || seen.has(row.modelId!)) return;
    seen.add(row.modelId!);
    out.push({ row: row as TeacherRow, source: { kind: 'session', index } });
  });
  for (const run of stored ?? []) {
    if (run.kind !== 'train' || !canTeach(run) || seen.has(run.modelId!)) continue;
    seen.add(run.modelId!);
    out.push({ row: run as StoredRun & TeacherRow, source: { kind: 'stored' } });
  }
  return out;
}
