import {
  buildSweepGrid,
  type Framework,
  ignoredSweepFields,
  type SweepListField,
  sweepFieldErrors,
  type TensorflowMode,
  type TrainingCombination,
  validateSeed,
} from '@trainyard/core';
import { useCallback, useEffect, useMemo, useState } from 'react';

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

/** The form's texts as stored: the seven lists and the seed. */
type StoredForm = Partial<SweepTexts> & { seed?: string };

function readStored(storage: FormStorage | undefined, key: string): StoredForm {
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null) return {};
    // Only the known fields, and only texts: a stale or hand-edited entry never breaks the page.
    return Object.fromEntries(
      Object.entries(parsed).filter(
        ([k, v]) => (k in DEFAULT_SWEEP_TEXTS || k === 'seed') && typeof v === 'string',
      ),
    );
  } catch {
    return {};
  }
}

export interface SweepForm {
  fields: SweepTexts;
  setField(field: SweepListField, text: string): void;
  /** Inline error per field, worded exactly as the core validators word it. */
  errors: Partial<Record<SweepListField, string>>;
  /** A problem with the grid as a whole (too many combinations). */
  gridError: string | null;
  /** The grid's combinations, empty while any field is invalid. */
  combinations: TrainingCombination[];
  /** Whether the grid and the seed are valid (the combination count means something). */
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
 * The seven sweep inputs as raw texts → core validators → core grid. With a `storage`, what the
 * user typed is kept under the page's key and restored on the next load.
 *
 * @example const form = useSweepForm({ framework: 'pytorch', storage: localStorage }); form.setField('epochValues', '10,20');
 */
export function useSweepForm(o: {
  framework: Framework;
  mode?: TensorflowMode | undefined;
  initialFields?: Partial<SweepTexts> | undefined;
  storage?: FormStorage | undefined;
}): SweepForm {
  const { framework, mode, storage } = o;
  const key = sweepFormKey(framework);
  const [stored] = useState(() => readStored(storage, key));
  const [fields, setFields] = useState<SweepTexts>(() => {
    const { seed: _seed, ...lists } = stored;
    return { ...DEFAULT_SWEEP_TEXTS, ...o.initialFields, ...lists };
  });
  const [seedText, setSeed] = useState(stored.seed ?? '');
  useEffect(() => {
    try {
      storage?.setItem(key, JSON.stringify({ ...fields, seed: seedText }));
    } catch {
      // A full or forbidden storage only loses the convenience, never the sweep.
    }
  }, [storage, key, fields, seedText]);
  const seedCheck = useMemo(() => validateSeed(seedText), [seedText]);

  const disabledFields = ignoredSweepFields({ framework, mode });
  const errors = useMemo(() => sweepFieldErrors({ framework, mode, ...fields }), [framework, mode, fields]);
  const grid = useMemo(() => buildSweepGrid({ framework, mode, ...fields }), [framework, mode, fields]);
  const setField = useCallback((field: SweepListField, text: string) => {
    setFields((f) => ({ ...f, [field]: text }));
  }, []);
  return {
    fields,
    setField,
    errors,
    gridError: !grid.ok && grid.field === undefined ? grid.error : null,
    combinations: grid.ok ? grid.combinations : [],
    valid: grid.ok && seedCheck.ok,
    seedText,
    setSeed,
    seed: seedCheck.ok ? seedCheck.value : undefined,
    seedError: seedCheck.ok ? null : seedCheck.error,
    disabledFields,
  };
}
