import type { ModelSummary } from '@trainyard/core';
import type { ModelMetadata } from '@trainyard/trainers';

/** The trainers' metadata.json of a saved model, as far as the studio reads it. */
export type SavedModelMetadata = Pick<
  ModelMetadata,
  | 'modelId'
  | 'framework'
  | 'kind'
  | 'datasetId'
  | 'task'
  | 'params'
  | 'distillMetrics'
  | 'teacherModelId'
  | 'parameterCount'
  | 'files'
  | 'createdAt'
> & {
  preprocessing: Pick<ModelMetadata['preprocessing'], 'testSize'>;
  metrics: Pick<ModelMetadata['metrics'], 'metric_name' | 'metric_score'>;
};

/**
 * The API's ModelSummary of a saved model (metadata.json keeps metrics nested and the test size in
 * its preprocessing block).
 */
export function toModelSummary(meta: SavedModelMetadata | ModelSummary): ModelSummary {
  if (!('metrics' in meta) || !('preprocessing' in meta)) return meta as ModelSummary;
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
