import type { ModelSummary } from '@trainyard/core';
import type { ModelMetadata } from '@trainyard/trainers';

/**
 * The API's ModelSummary of a saved model (metadata.json keeps metrics nested and the test size in
 * its preprocessing block).
 */
export function toModelSummary(meta: ModelMetadata): ModelSummary {
  const { params } = meta;
  const summary: ModelSummary = {
    modelId: meta.modelId,
    framework: meta.framework,
    kind: meta.kind,
    datasetId: meta.datasetId,
    task: meta.task,
    params: {
      epochs: params.epochs,
      batchSize: params.batchSize,
      learningRate: params.learningRate,
      testSize: meta.preprocessing.testSize,
      hiddenDim: params.hiddenDim,
      numHiddenLayers: params.numHiddenLayers,
      dropout: params.dropout,
      seed: params.seed,
      ...(params.mode ? { mode: params.mode } : {}),
    },
    metric_name: meta.metrics.metric_name,
    metric_score: meta.metrics.metric_score,
    parameterCount: meta.parameterCount,
    files: meta.files,
    createdAt: meta.createdAt,
  };
  if (meta.teacherModelId !== undefined) summary.teacherModelId = meta.teacherModelId;
  if (meta.distillMetrics !== undefined) summary.distillMetrics = meta.distillMetrics;
  return summary;
}
