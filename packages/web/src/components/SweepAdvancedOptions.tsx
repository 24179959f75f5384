import { useEffect, useState } from 'react';
import type { SweepFormField } from '../hooks/sweepFormCheck.js';
import type { SweepForm } from '../hooks/useSweepForm.js';
import { searchSummary } from '../util/searchSummary.js';
import { SweepPrunerFields } from './SweepPrunerFields.js';
import { SweepSearchFields } from './SweepSearchFields.js';
import { SweepValidationFields } from './SweepValidationFields.js';
import { SwitchField } from './SwitchField.js';

const ADVANCED_FIELDS: readonly SweepFormField[] = [
  'strategy',
  'maxRuns',
  'maxMinutes',
  'validationSize',
  'folds',
  'patience',
  'minDelta',
  'pruner',
  'gracePeriod',
  'reductionFactor',
  'keepPrunedModels',
  'fused',
];

/**
 * The advanced options, folded away by default behind a summary of what is set. It opens by itself
 * while one of its fields has an error, so no error is ever hidden.
 */
export function SweepAdvancedOptions(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  const [open, setOpen] = useState(false);
  const problems = ADVANCED_FIELDS.filter((f) => form.errors[f] !== undefined).length;
  useEffect(() => {
    if (problems > 0) setOpen(true);
  }, [problems]);
  return (
    <details className="advanced-options" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Advanced options{' '}
        <span className="muted">
          {searchSummary(form.request)}
          {problems > 0 ? ` · ${problems === 1 ? '1 problem' : `${problems} problems`}` : ''}
        </span>
      </summary>
      {form.search && <SweepSearchFields form={form} disabled={disabled} />}
      <SweepValidationFields form={form} disabled={disabled} />
      {form.search && <SweepPrunerFields form={form} disabled={disabled} />}
      <fieldset className="option-group">
        <legend>Training</legend>
        <SwitchField
          label="Fuse combinations into one batched model"
          checked={form.options.fused}
          onChange={(on) => form.setOption('fused', on)}
          note="(and train runs that differ only in epochs once; each run keeps its own row and model)"
          error={form.errors.fused}
          disabled={disabled}
        />
      </fieldset>
    </details>
  );
}
