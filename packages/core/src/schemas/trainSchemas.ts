import { z } from 'zod';
import type { DistillRequest, SelectionOptions, TensorflowTrainRequest, TrainRequest } from '../types.js';
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

/** The optional model-selection fields of a run (SelectionOptions), each bounded by FIELD_RULES. */
export const SelectionShape = {
  validationSize: numberField('validationSize').optional(),
  patience: numberField('patience').optional(),
  minDelta: numberField('minDelta').optional(),
  folds: numberField('folds').optional(),
  epochCheckpoints: z
    .array(numberField('epochs'), {
      error: (issue) => `Epoch checkpoints must be a list of epoch counts: ${showValue(issue.input)}`,
    })
    .optional(),
};

/** Early stopping watches the validation score, so it needs a validation split or folds. */
export const PATIENCE_NEEDS_VALIDATION =
  'Patience needs a validation split (validationSize above 0) or folds';

/**
 * The folds replace the validation split: `folds` with `validationSize` above 0 is refused (at the
 * validation size), as one rule for runs and sweeps. Null when they fit.
 */
export function foldsProblem(req: {
  folds?: number | undefined;
  validationSize?: number | undefined;
}): { path: string[]; message: string } | null {
  if (req.folds === undefined || !((req.validationSize ?? 0) > 0)) return null;
  return {
    path: ['validationSize'],
    message: `Validation size must be 0 with folds ${req.folds} (the folds replace the validation split): ${req.validationSize}`,
  };
}

/** Whether a run or sweep has a validation score to watch: a validation split or folds. */
export function hasValidation(req: { folds?: number | undefined; validationSize?: number | undefined }) {
  return (req.validationSize ?? 0) > 0 || req.folds !== undefined;
}

/**
 * The cross-field rules of SelectionOptions, for any schema that carries SelectionShape and epochs:
 * epoch checkpoints increase below `epochs` and are not taken under folds; `folds` excludes a
 * validation split; `patience` needs `validationSize` > 0 or `folds`.
 */
export function refineSelection(req: SelectionOptions & { epochs: number }, ctx: z.RefinementCtx): void {
  const folds = foldsProblem(req);
  if (folds) ctx.addIssue({ code: 'custom', ...folds, input: req.validationSize });
  if (req.folds !== undefined && req.epochCheckpoints !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['epochCheckpoints'],
      message: `Epoch checkpoints cannot be taken with folds ${req.folds}: ${req.epochCheckpoints.join(',')}`,
      input: req.epochCheckpoints,
    });
  }
  const checkpoints = req.epochCheckpoints;
  if (checkpoints?.some((e, i) => e >= req.epochs || (i > 0 && e <= checkpoints[i - 1]!))) {
    ctx.addIssue({
      code: 'custom',
      path: ['epochCheckpoints'],
      message: `Epoch checkpoints must increase and stay below epochs (${req.epochs}): ${checkpoints.join(',')}`,
      input: checkpoints,
    });
  }
  if (req.patience !== undefined && !hasValidation(req)) {
    ctx.addIssue({
      code: 'custom',
      path: ['patience'],
      message: `${PATIENCE_NEEDS_VALIDATION}: ${req.patience}`,
      input: req.patience,
    });
  }
}

const TrainRequestObject = z.object({
  datasetId: DatasetIdSchema,
  ...TrainingCombinationShape,
  ...SelectionShape,
  seed: numberField('seed').optional(),
  sweepId: RecordIdSchema.optional(),
});

/**
 * Body of `POST /api/pytorch/train`. A bad number fails with the validator's message at its field,
 * e.g. epochs 0 → path ['epochs'], 'Epoch out of range (1-500): 0'. Unknown keys are dropped.
 */
export const TrainRequestSchema = TrainRequestObject.superRefine(refineSelection);

/** Body of `POST /api/tensorflow/train`: TrainRequestSchema plus `mode` (default 'mlp'). */
export const TensorflowTrainRequestSchema = TrainRequestObject.extend({
  mode: TensorflowModeSchema.default('mlp'),
}).superRefine(refineSelection);

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
