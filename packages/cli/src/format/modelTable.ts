import { type ModelSummary, runNumber } from '@trainyard/core';
import type { Colors } from '../colors.js';
import { formatCount, formatScore } from './numbers.js';
import { renderTable } from './table.js';

/** Where a model came from: its sweep and run number, its run's id, or a run since deleted. */
export function modelOrigin(m: ModelSummary): string {
  if (m.run) {
    const n = runNumber(m.run);
    return n !== undefined ? `sweep ${m.run.sweepId?.slice(0, 8)} run #${n}` : `run ${m.run.id.slice(0, 8)}`;
  }
  return m.runId ? `run ${m.runId.slice(0, 8)} (deleted)` : '-';
}

/** Saved models, id first (the other model commands take it), with the run each came from. */
export function formatModelTable(models: readonly ModelSummary[], c: Colors): string {
  if (models.length === 0) return c.dim('No models yet: train some with trainyard sweep.');
  return renderTable(
    [
      'model',
      'framework',
      'kind',
      'dataset',
      'size',
      'metric',
      'score',
      'parameters',
      'created',
      'from',
      'teacher',
    ],
    models.map((m) => [
      c.bold(m.modelId),
      m.framework,
      m.kind,
      m.datasetId,
      m.params.mode === 'linear' ? 'linear' : `${m.params.numHiddenLayers}×${m.params.hiddenDim}`,
      m.metric_name,
      formatScore(m.metric_score),
      formatCount(m.parameterCount),
      m.createdAt.replace('T', ' ').slice(0, 19),
      modelOrigin(m),
      m.teacherModelId ?? '',
    ]),
  );
}
