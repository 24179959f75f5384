import {
  type Framework,
  ignoredSweepFields,
  type SearchPlan,
  type SweepListField,
  type TensorflowMode,
  type TrainingCombination,
  validateSeed,
} from '@trainyard/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { checkSweepForm, type SweepFormField, type SweepRequestFields } from './sweepFormCheck.js';
import { DEFAULT_SWEEP_OPTIONS, readStoredOptions, type SweepOptionTexts } from './sweepOptions.js';

export type SweepTexts = Record<SweepListField, string>;

/** A small, quick first sweep: one combination that trains iris in a few seconds. */
export const DEFAULT_SWEEP_TEXTS: SweepTexts = {
  epochValues: '20',
  batchSizes: '16',
  learningRates: '0.01',
  testSizes: '0.2',
  hiddenDims: '64',
  numHiddenLayers: '2',
  dropouts: '0.1',
};

/** Where a page keeps what the user typed across reloads (localStorage in the browser). */
export type FormStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The key of a page's sweep form in its storage. */
export const sweepFormKey = (framework: Framework) => `trainyard.sweepForm.${framework}`;

/** The page's own storage: localStorage when the browser offers it (not in a sandboxed frame). */
export function browserFormStorage(): FormStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The form's texts as stored: the seven lists, the seed and the advanced options. */
type StoredForm = Partial<SweepTexts> & { seed?: string; options?: Partial<SweepOptionTexts> };

function readStored(storage: FormStorage | undefined, key: string): StoredForm {
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null) return {};
    // Only the known fields, and only texts: a stale or hand-edited entry never breaks the page.
    const texts: StoredForm = Object.fromEntries(
      Object.entries(parsed).filter(
        ([k, v]) => (k in DEFAULT_SWEEP_TEXTS || k === 'seed') && typeof v === 'string',
      ),
    );
    return { ...texts, options: readStoredOptions((parsed as { options?: unknown }).options) };
  } catch {
    return {};
  }
}

export interface SweepForm {
  fields: SweepTexts;
  setField(field: SweepListField, text: string): void;
  /** The advanced options (strategy, budget, validation, early stopping, pruner) as typed. */
  options: SweepOptionTexts;
  setOption<K extends keyof SweepOptionTexts>(field: K, value: SweepOptionTexts[K]): void;
  /** Whether the runner runs search strategies, budgets and pruners (server sweeps) or only a grid. */
  search: boolean;
  /** Inline error per field, worded exactly as core words it (validators, SweepRequestSchema). */
  errors: Partial<Record<SweepFormField, string>>;
  /** A problem with the sweep as a whole (too many combinations). */
  gridError: string | null;
  /** The combinations fixed up front (a grid, or a random search's draws); empty while invalid and for TPE. */
  combinations: TrainingCombination[];
  /** The validated search, for the summary; null while anything is invalid. */
  plan: SearchPlan | null;
  /** Runs the sweep trains; null when only time bounds it or while invalid. */
  runCount: number | null;
  /** The body of `POST /api/sweeps` without the dataset; meaningful when `valid`. */
  request: SweepRequestFields;
  /** Whether the lists, the options and the seed are valid (the count means something). */
  valid: boolean;
  /** The seed as typed; empty means the default seed. */
  seedText: string;
  setSeed(text: string): void;
  /** The seed to send (undefined: the default), when `seedError` is null. */
  seed: number | undefined;
  seedError: string | null;
  /** Fields the current mode ignores (DR-004 linear baseline): disabled and left out of the grid. */
  disabledFields: readonly SweepListField[];
}

/**
 * The sweep inputs as raw texts → core validators and SweepRequestSchema → core search plan. With a
 * `storage`, what the user typed is kept under the page's key and restored on the next load. With
 * `search`, the strategy, budget and pruner options apply (server sweeps); else only the validation
 * split, folds and early stopping (the in-browser orchestrator trains the grid).
 *
 * @example const form = useSweepForm({ framework: 'pytorch', storage: localStorage, search: true }); form.setOption('strategy', 'random');
 */
export function useSweepForm(o: {
  framework: Framework;
  mode?: TensorflowMode | undefined;
  initialFields?: Partial<SweepTexts> | undefined;
  storage?: FormStorage | undefined;
  search?: boolean | undefined;
}): SweepForm {
  const { framework, mode, storage } = o;
  const search = o.search ?? false;
  const key = sweepFormKey(framework);
  const [stored] = useState(() => readStored(storage, key));
  const [fields, setFields] = useState<SweepTexts>(() => {
    const { seed: _seed, options: _options, ...lists } = stored;
    return { ...DEFAULT_SWEEP_TEXTS, ...o.initialFields, ...lists };
  });
  const [options, setOptions] = useState<SweepOptionTexts>(() => ({
    ...DEFAULT_SWEEP_OPTIONS,
    ...stored.options,
  }));
  const [seedText, setSeed] = useState(stored.seed ?? '');
  useEffect(() => {
    try {
      storage?.setItem(key, JSON.stringify({ ...fields, seed: seedText, options }));
    } catch {
      // A full or forbidden storage only loses the convenience, never the sweep.
    }
  }, [storage, key, fields, seedText, options]);
  const seedCheck = useMemo(() => validateSeed(seedText), [seedText]);
  const seed = seedCheck.ok ? seedCheck.value : undefined;

  const disabledFields = ignoredSweepFields({ framework, mode });
  const check = useMemo(
    () => checkSweepForm({ framework, mode, lists: fields, options, seed, search }),
    [framework, mode, fields, options, seed, search],
  );
  const setField = useCallback((field: SweepListField, text: string) => {
    setFields((f) => ({ ...f, [field]: text }));
  }, []);
  const setOption = useCallback(
    <K extends keyof SweepOptionTexts>(field: K, value: SweepOptionTexts[K]) =>
      setOptions((current) => ({ ...current, [field]: value })),
    [],
  );
  return {
    fields,
    setField,
    options,
    setOption,
    search,
    errors: check.errors,
    gridError: check.sweepError,
    combinations: check.combinations,
    plan: check.plan,
    runCount: check.runCount,
    request: check.request,
    valid: check.plan !== null && seedCheck.ok,
    seedText,
    setSeed,
    seed,
    seedError: seedCheck.ok ? null : seedCheck.error,
    disabledFields,
  };
}
