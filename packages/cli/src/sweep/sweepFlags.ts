import {
  firstSchemaError,
  LINEAR_BASELINE_PARAMS,
  numberOrText,
  parsePlainDecimal,
  plannedRunCount,
  type SweepFields,
  SweepRequestSchema,
  validateSearchPlan,
} from '@trainyard/core';

/** The sweep flags as typed on the command line (commander hands over strings). */
export interface SweepFlagValues {
  framework?: string;
  linear?: boolean;
  dataset?: string;
  epochs?: string;
  batchSizes?: string;
  learningRates?: string;
  testSizes?: string;
  hiddenDims?: string;
  hiddenLayers?: string;
  dropouts?: string;
  seed?: string;
  concurrency?: string;
  validationSize?: string;
  patience?: string;
  minDelta?: string;
  folds?: string;
  strategy?: string;
  maxRuns?: string;
  maxMinutes?: string;
  pruner?: string;
  gracePeriod?: string;
  reductionFactor?: string;
  searchSeed?: string;
  keepPrunedModels?: boolean;
  /** --fused / --no-fused; absent: automatic. */
  fused?: boolean;
}

/** Share of the non-test rows a CLI sweep holds out for validation unless --validation-size says (issue 11). */
export const CLI_VALIDATION_SIZE = '0.2';

/** Optional number flags, by the SweepFields key they fill (sent only when typed). */
const NUMBER_FLAGS = [
  'seed',
  'concurrency',
  'patience',
  'minDelta',
  'folds',
  'maxRuns',
  'maxMinutes',
  'gracePeriod',
  'reductionFactor',
  'searchSeed',
] as const satisfies ReadonlyArray<keyof SweepFlagValues & keyof SweepFields>;

type ListFlag =
  | 'epochs'
  | 'batchSizes'
  | 'learningRates'
  | 'testSizes'
  | 'hiddenDims'
  | 'hiddenLayers'
  | 'dropouts';

/** Values of omitted list flags (shown in `trainyard sweep --help`): one reasonable run. */
export const SWEEP_DEFAULTS: Record<ListFlag, string> = {
  epochs: '50',
  batchSizes: '32',
  learningRates: '0.01',
  testSizes: '0.2',
  hiddenDims: '64',
  hiddenLayers: '2',
  dropouts: '0.1',
};

/** SweepFields key → the flag a user types, so errors name what they can fix. */
const FLAG_OF: Record<string, string> = {
  framework: '--framework',
  mode: '--linear',
  datasetId: '--dataset',
  epochValues: '--epochs',
  batchSizes: '--batch-sizes',
  learningRates: '--learning-rates',
  testSizes: '--test-sizes',
  hiddenDims: '--hidden-dims',
  numHiddenLayers: '--hidden-layers',
  dropouts: '--dropouts',
  seed: '--seed',
  concurrency: '--concurrency',
  validationSize: '--validation-size',
  patience: '--patience',
  minDelta: '--min-delta',
  folds: '--folds',
  strategy: '--strategy',
  maxRuns: '--max-runs',
  maxMinutes: '--max-minutes',
  pruner: '--pruner',
  gracePeriod: '--grace-period',
  reductionFactor: '--reduction-factor',
  searchSeed: '--search-seed',
  keepPrunedModels: '--keep-pruned-models',
  fused: '--fused',
};

/** Flags a linear baseline does not use (DR-004 fixes them), with the value sent instead. */
const LINEAR_FIXED: Partial<Record<ListFlag, string>> = {
  hiddenDims: String(LINEAR_BASELINE_PARAMS.hiddenDim),
  hiddenLayers: String(LINEAR_BASELINE_PARAMS.numHiddenLayers),
  dropouts: String(LINEAR_BASELINE_PARAMS.dropout),
};

export type SweepFlagsResult =
  /** `combinations`: how many runs the sweep trains (a budget caps a search); null when only time bounds it. */
  | { ok: true; fields: SweepFields; combinations: number | null; ignored: string[] }
  /** `flag` is absent when the grid as a whole is refused (too many combinations). */
  | { ok: false; flag?: string; error: string };

/**
 * Checks sweep flags with exactly what `POST /api/sweeps` runs (core's SweepRequestSchema: the
 * validators in form order, the search options, then the grid-size limit), before anything runs, and
 * turns them into the raw SweepFields the sweep service takes. A CLI sweep holds out
 * CLI_VALIDATION_SIZE for validation unless `--validation-size` says otherwise (0: none) or `--folds`
 * asks for k-fold cross-validation instead (then no split unless typed, which the schema refuses).
 * @example parseSweepFlags({ framework: 'pytorch', dataset: 'iris', epochs: '0,10' })
 *   // → { ok: false, flag: '--epochs', error: 'Epoch out of range (1-500): 0' }
 */
export function parseSweepFlags(flags: SweepFlagValues): SweepFlagsResult {
  const list = (key: ListFlag) =>
    (flags.linear ? LINEAR_FIXED[key] : undefined) ?? flags[key] ?? SWEEP_DEFAULTS[key];
  const raw: Record<string, unknown> = {
    framework: flags.framework ?? '',
    mode: flags.linear ? 'linear' : 'mlp',
    datasetId: flags.dataset?.trim() ?? '',
    epochValues: list('epochs'),
    batchSizes: list('batchSizes'),
    learningRates: list('learningRates'),
    testSizes: list('testSizes'),
    hiddenDims: list('hiddenDims'),
    numHiddenLayers: list('hiddenLayers'),
    dropouts: list('dropouts'),
  };
  for (const key of NUMBER_FLAGS) {
    const text = flags[key];
    if (text !== undefined) raw[key] = numberOrText(text);
  }
  // Folds replace the validation split: with --folds the default split is none.
  const defaultValidation = flags.folds === undefined ? CLI_VALIDATION_SIZE : '0';
  raw.validationSize = numberOrText(flags.validationSize ?? defaultValidation);
  if (flags.strategy !== undefined) raw.strategy = flags.strategy;
  if (flags.pruner !== undefined) raw.pruner = flags.pruner;
  if (flags.keepPrunedModels) raw.keepPrunedModels = true;
  if (flags.fused !== undefined) raw.fused = flags.fused;
  if (!raw.datasetId)
    return { ok: false, flag: '--dataset', error: 'Dataset is required (see trainyard datasets list)' };

  const parsed = SweepRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstSchemaError(parsed.error);
    const flag = field === undefined ? undefined : (FLAG_OF[field] ?? field);
    return flag === undefined ? { ok: false, error: message } : { ok: false, flag, error: message };
  }
  const fields: SweepFields = parsed.data;
  if (fields.framework === 'pytorch') delete fields.mode;
  // The schema ran validateSearchPlan already: this only reads the plan back.
  const checked = validateSearchPlan(fields);
  if (!checked.ok) return { ok: false, error: checked.error };
  const combinations = plannedRunCount(checked.plan);
  const ignored = flags.linear
    ? (Object.keys(LINEAR_FIXED) as ListFlag[])
        .filter((key) => flags[key] !== undefined && flags[key] !== SWEEP_DEFAULTS[key])
        .map((key) => FLAG_OF[key === 'hiddenLayers' ? 'numHiddenLayers' : key]!)
    : [];
  return { ok: true, fields, combinations, ignored };
}

/** A plain decimal integer within bounds, else undefined (for flags outside the shared rules). */
export function parseInteger(text: string, min: number, max: number): number | undefined {
  const value = parsePlainDecimal(text);
  return value !== null && Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** The SweepFields list each list flag sets. */
const LIST_FIELD_OF: Record<ListFlag, keyof SweepFields> = {
  epochs: 'epochValues',
  batchSizes: 'batchSizes',
  learningRates: 'learningRates',
  testSizes: 'testSizes',
  hiddenDims: 'hiddenDims',
  hiddenLayers: 'numHiddenLayers',
  dropouts: 'dropouts',
};

/**
 * The list flags a user typed (`given` says which), as the SweepFields lists `sweep extend` sends;
 * the server checks them with the same validators.
 *
 * @example givenLists({ batchSizes: '16,32,64' }, (k) => k === 'batchSizes') // { batchSizes: '16,32,64' }
 */
export function givenLists(flags: SweepFlagValues, given: (flag: ListFlag) => boolean): Partial<SweepFields> {
  const lists: Record<string, string> = {};
  for (const [flag, field] of Object.entries(LIST_FIELD_OF) as Array<[ListFlag, keyof SweepFields]>) {
    const value = flags[flag];
    if (given(flag) && value !== undefined) lists[field] = value;
  }
  return lists as Partial<SweepFields>;
}
