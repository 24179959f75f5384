import { z } from 'zod';
import type { DistillRequest, TensorflowTrainRequest, TrainRequest } from '../types.js';
import { DatasetIdSchema, ModelIdSchema, RecordIdSchema } from './ids.js';
import { numberField } from './numberField.js';
import { showValue } from './showValue.js';

export const FrameworkSchema = z.enum(['pytorch', 'tensorflow'], {
  error: (issue) => `Framework must be pytorch or tensorflow: ${showValue(issue.input)}`,
});

export const TensorflowModeSchema = z.enum(['mlp', 'linear'], {
  error: (issue) => `Mode must be mlp or linear: ${showValue(issue.input)}`,
});

/** The seven numeric fields of one sweep point, bounded exactly like the validators (DR-002). */
export const TrainingCombinationShape = {
  epochs: numberField('epochs'),
  batchSize: numberField('batchSize'),
  learningRate: numberField('learningRate'),
  testSize: numberField('testSize'),
  hiddenDim: numberField('hiddenDim'),
  numHiddenLayers: numberField('numHiddenLayers'),
  dropout: numberField('dropout'),
};

/**
 * Body of `POST /api/pytorch/train`. A bad number fails with the validator's message at its field,
 * e.g. epochs 0 → path ['epochs'], 'Epoch out of range (1-500): 0'. Unknown keys are dropped.
 */
export const TrainRequestSchema = z.object({
  datasetId: DatasetIdSchema,
  ...TrainingCombinationShape,
  seed: numberField('seed').optional(),
  sweepId: RecordIdSchema.optional(),
});

/** Body of `POST /api/tensorflow/train`: TrainRequestSchema plus `mode` (default 'mlp'). */
export const TensorflowTrainRequestSchema = TrainRequestSchema.extend({
  mode: TensorflowModeSchema.default('mlp'),
});

/** Body of `POST /api/{pytorch,tensorflow}/distill`. */
export const DistillRequestSchema = z.object({
  teacherModelId: ModelIdSchema,
  datasetId: DatasetIdSchema.optional(),
  hiddenDim: numberField('hiddenDim'),
  numHiddenLayers: numberField('numHiddenLayers'),
  temperature: numberField('temperature'),
  alpha: numberField('alpha'),
  epochs: numberField('epochs'),
  batchSize: numberField('batchSize'),
  learningRate: numberField('learningRate'),
  dropout: numberField('dropout').optional(),
  seed: numberField('seed').optional(),
  compareScratch: z
    .boolean({ error: (issue) => `compareScratch must be true or false: ${showValue(issue.input)}` })
    .optional(),
});

// Compile-time proof that each schema produces its runtime type; a drift fails `tsc`.
type Assert<T extends true> = T;
export type SchemasMatchTypes = Assert<
  z.output<typeof TrainRequestSchema> extends TrainRequest
    ? z.output<typeof TensorflowTrainRequestSchema> extends TensorflowTrainRequest
      ? z.output<typeof DistillRequestSchema> extends DistillRequest
        ? true
        : false
      : false
    : false
>;
