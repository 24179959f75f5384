import type { ModelSummary, StoredRun } from './studioTypes.js';

/** What a model's archive name is built from: the model and, when it still exists, its run. */
export type ArchiveModel = Pick<ModelSummary, 'modelId' | 'datasetId' | 'framework' | 'kind'> & {
  run?: Pick<StoredRun, 'id' | 'sweepId' | 'combinationIndex'> | undefined;
};

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * The file name of a model's download, after its dataset, framework and run (the sweep and the run
 * number as the sweep page shows it), ending with the model id so two downloads never collide.
 * The server's Content-Disposition, the web's link and the CLI all use it.
 *
 * @example modelArchiveName({ modelId: 'm_ab', datasetId: 'iris', framework: 'pytorch', kind: 'trained',
 *   run: { id: 'r1', sweepId: 'sw_12345678x', combinationIndex: 2 } }) // 'iris-pytorch-sweep-sw_12345-run3-m_ab.zip'
 */
export function modelArchiveName(model: ArchiveModel): string {
  const { run } = model;
  const parts = [model.datasetId, model.framework];
  if (model.kind === 'distilled') parts.push('student');
  if (run?.sweepId !== undefined && run.combinationIndex !== undefined) {
    parts.push(`sweep-${run.sweepId.slice(0, 8)}`, `run${run.combinationIndex + 1}`);
  } else if (run) {
    parts.push(`run-${run.id.slice(0, 8)}`);
  }
  parts.push(model.modelId);
  return `${parts.map(safe).join('-')}.zip`;
}
