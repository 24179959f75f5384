import { z } from 'zod';
import { FIELD_RULES, SWEEP_LIST_FIELDS, type SweepListField } from '../fieldRules.js';
import { SEARCH_FIELD_RULES } from '../search/searchFieldRules.js';
import { PRUNER_KINDS, SEARCH_STRATEGIES, validateSearchPlan } from '../search/searchPlan.js';
import type { SweepFields } from '../studioTypes.js';
import { DatasetIdSchema } from './ids.js';
import { numberField } from './numberField.js';
import { showValue } from './showValue.js';
import {
  FrameworkSchema,
  foldsProblem,
  hasValidation,
  PATIENCE_NEEDS_VALIDATION,
  SelectionShape,
  TensorflowModeSchema,
} from './trainSchemas.js';

const listField = (field: SweepListField) => {
  const label = FIELD_RULES[SWEEP_LIST_FIELDS[field]].label;
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? `${label} values are required`
        : `${label} values must be text like "10, 20": ${showValue(issue.input)}`,
  });
};

const choiceField = <T extends readonly [string, ...string[]]>(label: string, choices: T) =>
  z.enum(choices, {
    error: (issue) =>
      `${label} must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}: ${showValue(issue.input)}`,
  });

/**
 * Body of `POST /api/sweeps`: the raw fields as the user typed them. The refinement runs the core
 * validators in form order and reports the first bad field (issue path = the raw field name) with
 * the validator's message, then the grid-size limit. Output: SweepFields with `mode` defaulted.
 * The search options (strategy, maxRuns, maxMinutes, pruner, gracePeriod, reductionFactor,
 * searchSeed) are optional and never defaulted here: a body without them is today's grid, and
 * validateSearchPlan checks them with the lists (ranges only for random and tpe). So are the
 * selection fields (validationSize, patience, minDelta, folds), sent on every request of the sweep:
 * without them there is no validation split (0), no early stopping and no k-fold.
 *
 * @example SweepRequestSchema.safeParse({ ...fields, epochValues: '0,10' })
 * // error.issues[0]: { path: ['epochValues'], message: 'Epoch out of range (1-500): 0' }
 */
export const SweepRequestSchema = z
  .object({
    framework: FrameworkSchema,
    mode: TensorflowModeSchema.default('mlp'),
    datasetId: DatasetIdSchema,
    epochValues: listField('epochValues'),
    batchSizes: listField('batchSizes'),
    learningRates: listField('learningRates'),
    testSizes: listField('testSizes'),
    hiddenDims: listField('hiddenDims'),
    numHiddenLayers: listField('numHiddenLayers'),
    dropouts: listField('dropouts'),
    seed: numberField('seed').optional(),
    concurrency: numberField('concurrency').optional(),
    strategy: choiceField('Strategy', SEARCH_STRATEGIES).optional(),
    maxRuns: numberField(SEARCH_FIELD_RULES.maxRuns).optional(),
    maxMinutes: numberField(SEARCH_FIELD_RULES.maxMinutes).optional(),
    pruner: choiceField('Pruner', PRUNER_KINDS).optional(),
    gracePeriod: numberField(SEARCH_FIELD_RULES.gracePeriod).optional(),
    reductionFactor: numberField(SEARCH_FIELD_RULES.reductionFactor).optional(),
    searchSeed: numberField(SEARCH_FIELD_RULES.searchSeed).optional(),
    keepPrunedModels: z
      .boolean({ error: (issue) => `Keep pruned models must be true or false: ${showValue(issue.input)}` })
      .optional(),
    fused: z
      .boolean({ error: (issue) => `Fused must be true or false: ${showValue(issue.input)}` })
      .optional(),
    validationSize: SelectionShape.validationSize,
    patience: SelectionShape.patience,
    minDelta: SelectionShape.minDelta,
    folds: SelectionShape.folds,
  })
  .superRefine((fields, ctx) => {
    if (fields.framework === 'pytorch' && fields.mode === 'linear') {
      ctx.addIssue({
        code: 'custom',
        path: ['mode'],
        message: 'Mode linear exists only for tensorflow: pytorch',
      });
      return;
    }
    const checked = validateSearchPlan(fields);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', path: checked.field ? [checked.field] : [], message: checked.error });
      return;
    }
    const selection = selectionProblem(fields);
    if (selection) ctx.addIssue({ code: 'custom', ...selection });
  });

/**
 * Validation score watchers (early stopping, tpe, pruners) need a validation split or folds (pruners:
 * a split only — a k-fold run trains its folds one after the other, so there is no single curve to
 * prune on at a rung); folds replace the split; minDelta needs patience.
 */
function selectionProblem(fields: {
  validationSize?: number | undefined;
  patience?: number | undefined;
  minDelta?: number | undefined;
  folds?: number | undefined;
  pruner?: string | undefined;
  strategy?: string | undefined;
}): { path: string[]; message: string } | null {
  const folds = foldsProblem(fields);
  if (folds) return folds;
  const pruning = fields.pruner !== undefined && fields.pruner !== 'none';
  if (pruning && fields.folds !== undefined) {
    return {
      path: ['pruner'],
      message: `Pruner ${fields.pruner} cannot be used with folds ${fields.folds} (prune on a validation split instead): ${fields.pruner}`,
    };
  }
  const validation = hasValidation(fields);
  if (fields.strategy === 'tpe' && !validation) {
    return {
      path: ['strategy'],
      message: 'Strategy tpe needs a validation split to learn from (validationSize above 0 or folds): tpe',
    };
  }
  if (pruning && !validation) {
    return {
      path: ['pruner'],
      message: `Pruner ${fields.pruner} needs a validation split (validationSize above 0): ${fields.pruner}`,
    };
  }
  if (fields.patience !== undefined && !validation)
    return { path: ['patience'], message: `${PATIENCE_NEEDS_VALIDATION}: ${fields.patience}` };
  if (fields.minDelta !== undefined && fields.patience === undefined)
    return { path: ['minDelta'], message: `Min delta applies only with patience: ${fields.minDelta}` };
  return null;
}

type Assert<T extends true> = T;
export type SweepSchemaMatchesFields = Assert<
  z.output<typeof SweepRequestSchema> extends SweepFields ? true : false
>;
