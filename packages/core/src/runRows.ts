import type { StopReason } from './runStop.js';
import type { DistillResponse, Framework, RunRow, TrainingCombination, TrainResponse } from './types.js';

/** Only the combination fields, so extra request fields (seed, mode, datasetId) never leak into a row. */
export function pickCombination(c: TrainingCombination): TrainingCombination {
  return {
    epochs: c.epochs,
    batchSize: c.batchSize,
    learningRate: c.learningRate,
    testSize: c.testSize,
    hiddenDim: c.hiddenDim,
    numHiddenLayers: c.numHiddenLayers,
    dropout: c.dropout,
  };
}

interface RowBase {
  id: string;
  framework: Framework;
  datasetId: string;
  combination: TrainingCombination;
}

/**
 * The row of a combination that trained.
 *
 * @example completedRunRow({ id, framework: 'pytorch', datasetId: 'iris', combination, response })
 */
export function completedRunRow(o: RowBase & { response: TrainResponse }): RunRow {
  return {
    id: o.id,
    framework: o.framework,
    datasetId: o.datasetId,
    ...pickCombination(o.combination),
    result: 'completed',
    metric_name: o.response.metric_name,
    metric_score: o.response.metric_score,
    train_loss: o.response.train_loss,
    test_loss: o.response.test_loss,
    modelId: o.response.modelId,
    modelPath: o.response.modelPath,
    ...selectionFields(o.response),
  };
}

const SELECTION_FIELDS = [
  'val_score',
  'val_score_std',
  'val_loss',
  'best_epoch',
  'stopped_epoch',
  'pruned',
] as const;

/** The model-selection fields a response carries (absent ones stay absent, as on older servers). */
function selectionFields(r: TrainResponse): Pick<RunRow, (typeof SELECTION_FIELDS)[number]> {
  const out: Pick<RunRow, (typeof SELECTION_FIELDS)[number]> = {};
  for (const field of SELECTION_FIELDS) {
    if (r[field] !== undefined) Object.assign(out, { [field]: r[field] });
  }
  return out;
}

/**
 * DR-003: the row of a combination that failed: every metric 'n/a', plus the user-safe reason
 * (and, when it was stopped rather than failing on its own, why).
 *
 * @example failedRunRow({ id, framework: 'tensorflow', datasetId: 'iris', combination, error: 'Loss became NaN' })
 */
export function failedRunRow(o: RowBase & { error: string; stopReason?: StopReason }): RunRow {
  const row: RunRow = {
    id: o.id,
    framework: o.framework,
    datasetId: o.datasetId,
    ...pickCombination(o.combination),
    result: 'failed',
    metric_name: 'n/a',
    metric_score: 'n/a',
    train_loss: 'n/a',
    test_loss: 'n/a',
    error: o.error,
  };
  if (o.stopReason) row.stopReason = o.stopReason;
  return row;
}

/**
 * The run row of a distilled student: its own hyperparameters, its score and losses.
 *
 * @example distilledRunRow(response, response.runId ?? crypto.randomUUID())
 */
export function distilledRunRow(response: DistillResponse, id: string): RunRow {
  return {
    id,
    framework: response.framework,
    datasetId: response.datasetId,
    ...pickCombination(response.student),
    result: 'completed',
    metric_name: response.metrics.metric_name,
    metric_score: response.metrics.student_score,
    train_loss: response.metrics.train_loss,
    test_loss: response.metrics.test_loss,
    modelId: response.modelId,
    modelPath: response.modelPath,
  };
}
