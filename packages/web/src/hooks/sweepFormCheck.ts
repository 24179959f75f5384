import {
  type Framework,
  fixedSearchCombinations,
  plannedRunCount,
  type SearchPlan,
  SWEEP_LIST_FIELDS,
  type SweepFields,
  type SweepListField,
  SweepRequestSchema,
  sweepFieldErrors,
  type TensorflowMode,
  type TrainingCombination,
  validateSearchPlan,
} from '@trainyard/core';
import {
  DEFAULT_SWEEP_OPTIONS,
  type SweepOptionField,
  type SweepOptionTexts,
  sweepOptionFields,
} from './sweepOptions.js';

/** Every field of the sweep form that can carry an inline error. */
export type SweepFormField = SweepListField | SweepOptionField;

/** The body of `POST /api/sweeps` the form builds, without the dataset (picked beside the form). */
export type SweepRequestFields = Omit<SweepFields, 'datasetId'>;

export interface SweepFormCheck {
  request: SweepRequestFields;
  /** Inline error per field, worded by core (the validators and SweepRequestSchema). */
  errors: Partial<Record<SweepFormField, string>>;
  /** A problem of the sweep as a whole (too many combinations). */
  sweepError: string | null;
  /** The validated search; null while anything is invalid. */
  plan: SearchPlan | null;
  /** Runs the sweep trains (core's plannedRunCount); null when only time bounds it, or invalid. */
  runCount: number | null;
  /** The combinations fixed up front (a grid, or a random search's draws); empty for TPE. */
  combinations: TrainingCombination[];
}

/** Any valid id: the schema's cross-field rules run only on a complete body. */
const STAND_IN_DATASET = 'dataset';

/** Whether a request field is one the form shows (so its error can stand beside it). */
export const isFormField = (key: PropertyKey): key is SweepFormField =>
  typeof key === 'string' && (key in SWEEP_LIST_FIELDS || key in DEFAULT_SWEEP_OPTIONS);

/**
 * The form's texts checked by exactly what `POST /api/sweeps` runs: every list on its own with its
 * validator (ranges too for random and TPE), then the whole body through SweepRequestSchema (number
 * bounds, options that do not apply, validation needed by tpe, pruners and patience, the budget, the
 * grid-size limit). No rule and no message lives in the web.
 *
 * @example checkSweepForm({ framework: 'pytorch', lists, options: { ...DEFAULT_SWEEP_OPTIONS, patience: '0' }, search: true }).errors
 * // { patience: 'Patience out of range (1-500): 0' }
 */
export function checkSweepForm(input: {
  framework: Framework;
  mode?: TensorflowMode | undefined;
  lists: Record<SweepListField, string>;
  options: SweepOptionTexts;
  seed?: number | undefined;
  /** Whether the runner runs search strategies and pruners (server sweeps) or only a grid. */
  search: boolean;
}): SweepFormCheck {
  const { framework, mode, lists, options, seed, search } = input;
  const request = {
    framework,
    ...(mode ? { mode } : {}),
    ...lists,
    ...(seed !== undefined ? { seed } : {}),
    ...sweepOptionFields(options, search),
  } as SweepRequestFields;
  const strategy = search ? options.strategy : 'grid';
  const errors: Partial<Record<SweepFormField, string>> = sweepFieldErrors({
    framework,
    mode,
    strategy,
    ...lists,
  });
  const parsed = SweepRequestSchema.safeParse({ ...request, datasetId: STAND_IN_DATASET });
  if (!parsed.success) {
    let sweepError: string | null = null;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field !== undefined && isFormField(field)) errors[field] ??= issue.message;
      else sweepError ??= issue.message;
    }
    return { request, errors, sweepError, plan: null, runCount: null, combinations: [] };
  }
  const checked = validateSearchPlan(parsed.data);
  // The schema ran validateSearchPlan already: this only reads the plan back.
  if (!checked.ok)
    return { request, errors, sweepError: checked.error, plan: null, runCount: null, combinations: [] };
  const { plan } = checked;
  return {
    request,
    errors,
    sweepError: null,
    plan,
    runCount: plannedRunCount(plan),
    combinations: fixedSearchCombinations(plan) ?? [],
  };
}
