/** What is stored next to every model's files, in `<home>/models/<modelId>/metadata.json`. */
import type { DistillMetrics, EpochEvent, Framework, MetricName, TaskKind } from '@trainyard/core';
import type { ModelParams, PreprocessingMeta } from '../engine.js';

export interface ModelMetrics {
  metric_name: MetricName;
  metric_score: number;
  train_loss: number;
  test_loss: number;
}

export interface ModelMetadata {
  modelId: string;
  framework: Framework;
  kind: 'trained' | 'distilled';
  datasetId: string;
  task: TaskKind;
  params: ModelParams;
  /** How raw rows become inputs (split, scaling, labels): enough to reproduce predictions. */
  preprocessing: PreprocessingMeta;
  metrics: ModelMetrics;
  /** Distilled students only: teacher vs student. */
  distillMetrics?: DistillMetrics;
  teacherModelId?: string;
  parameterCount: number;
  /** Model files in the directory, relative names (metadata.json excluded). */
  files: string[];
  history: EpochEvent[];
  durationMs: number;
  createdAt: string;
}
