import {
  numberOrText,
  PRUNER_KINDS,
  type PrunerKind,
  SEARCH_STRATEGIES,
  type SearchStrategy,
} from '@trainyard/core';

/**
 * The advanced sweep options as the form holds them (issue 11): choices, switches, and number
 * fields as typed. An empty text means "not set" (the API's default).
 */
export interface SweepOptionTexts {
  strategy: SearchStrategy;
  maxRuns: string;
  maxMinutes: string;
  validationSize: string;
  folds: string;
  patience: string;
  minDelta: string;
  pruner: PrunerKind;
  gracePeriod: string;
  reductionFactor: string;
  keepPrunedModels: boolean;
  /** Fuse combinations into one batched model and share epoch prefixes (issue 16); off: one model per training. */
  fused: boolean;
}

export type SweepOptionField = keyof SweepOptionTexts;

/** The options typed as numbers. */
export type SweepNumberOption =
  | 'maxRuns'
  | 'maxMinutes'
  | 'validationSize'
  | 'folds'
  | 'patience'
  | 'minDelta'
  | 'gracePeriod'
  | 'reductionFactor';

/** New sweeps in the UI hold out 0.2 of the non-test rows for validation (issue 11); the rest is off. */
export const DEFAULT_SWEEP_OPTIONS: SweepOptionTexts = {
  strategy: 'grid',
  maxRuns: '',
  maxMinutes: '',
  validationSize: '0.2',
  folds: '',
  patience: '',
  minDelta: '',
  pruner: 'none',
  gracePeriod: '',
  reductionFactor: '',
  keepPrunedModels: false,
  fused: true,
};

/**
 * The option fields a sweep request carries, in the API's names: only the ones typed and only the
 * ones that apply (a grid has no budget, no pruner has no grace period, reduction factor is ASHA's),
 * so fields the form hides are never sent. Numbers as numbers, anything else as typed for the schema
 * to refuse. Without `search` (the in-browser orchestrator trains a grid) only the selection fields
 * and `fused`.
 *
 * @example sweepOptionFields({ ...DEFAULT_SWEEP_OPTIONS, strategy: 'random', maxRuns: '6' }, true)
 * // { strategy: 'random', maxRuns: 6, validationSize: 0.2 }
 */
export function sweepOptionFields(o: SweepOptionTexts, search: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (field: SweepNumberOption) => {
    if (o[field].trim() !== '') body[field] = numberOrText(o[field]);
  };
  if (search && o.strategy !== 'grid') {
    body.strategy = o.strategy;
    put('maxRuns');
    put('maxMinutes');
  }
  put('validationSize');
  put('folds');
  put('patience');
  put('minDelta');
  if (search && o.pruner !== 'none') {
    body.pruner = o.pruner;
    put('gracePeriod');
    if (o.pruner === 'asha') put('reductionFactor');
    if (o.keepPrunedModels) body.keepPrunedModels = true;
  }
  // Absent means fused whenever the engine can: only the opt-out is sent.
  if (!o.fused) body.fused = false;
  return body;
}

/**
 * The options kept in a page's storage, each checked against its kind: a stale or hand-edited entry
 * never breaks the form, it falls back to the default.
 */
export function readStoredOptions(stored: unknown): Partial<SweepOptionTexts> {
  if (typeof stored !== 'object' || stored === null) return {};
  const out: Partial<Record<SweepOptionField, unknown>> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in DEFAULT_SWEEP_OPTIONS)) continue;
    const field = key as SweepOptionField;
    const fits =
      field === 'strategy'
        ? (SEARCH_STRATEGIES as readonly unknown[]).includes(value)
        : field === 'pruner'
          ? (PRUNER_KINDS as readonly unknown[]).includes(value)
          : typeof value === typeof DEFAULT_SWEEP_OPTIONS[field];
    if (fits) out[field] = value;
  }
  return out as Partial<SweepOptionTexts>;
}
