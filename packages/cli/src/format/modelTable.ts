import type { ModelSummary } from '@trainyard/core';
import type { Colors } from '../colors.js';
import { formatCount, formatScore } from './numbers.js';
import { renderTable } from './table.js';

/** Saved models, id first (the other model commands take it). */
export function formatModelTable(models: readonly ModelSummary[], c: Colors): string {
  if (models.length === 0) return c.dim('No models yet: train some with trainyard sweep.');
  return renderTable(
    ['model', 'framework', 'kind', 'dataset', 'size', 'metric', 'score', 'parameters', 'created', 'teacher'],
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
      m.teacherModelId ?? '',
    ]),
  );
}
