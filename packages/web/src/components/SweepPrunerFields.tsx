import { DEFAULT_GRACE_PERIOD, DEFAULT_REDUCTION_FACTOR, type PrunerKind } from '@trainyard/core';
import type { SweepForm } from '../hooks/useSweepForm.js';
import { ChoiceField } from './ChoiceField.js';
import { SweepOptionField } from './SweepOptionField.js';
import { SwitchField } from './SwitchField.js';

const PRUNERS: ReadonlyArray<{ value: PrunerKind; label: string; hint: string }> = [
  { value: 'none', label: 'None', hint: 'every run trains to the end' },
  { value: 'asha', label: 'ASHA', hint: 'successive halving on the validation score' },
  { value: 'median', label: 'Median rule', hint: 'stops a run below the median of the others' },
];

/** The pruner, with its grace period, ASHA's reduction factor, and whether pruned runs keep models. */
export function SweepPrunerFields(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  const { pruner } = form.options;
  return (
    <fieldset className="option-group">
      <legend>Pruning</legend>
      <div className="form-grid">
        <ChoiceField
          label="Pruner"
          value={pruner}
          choices={PRUNERS}
          onChange={(v) => form.setOption('pruner', v)}
          error={form.errors.pruner}
          disabled={disabled}
        />
        {pruner !== 'none' && (
          <SweepOptionField
            form={form}
            field="gracePeriod"
            label="Grace period"
            hint="epochs before the first decision"
            placeholder={String(DEFAULT_GRACE_PERIOD)}
            whole
            disabled={disabled}
          />
        )}
        {pruner === 'asha' && (
          <SweepOptionField
            form={form}
            field="reductionFactor"
            label="Reduction factor"
            hint="keep the top 1/n at each rung"
            placeholder={String(DEFAULT_REDUCTION_FACTOR)}
            whole
            disabled={disabled}
          />
        )}
      </div>
      {pruner !== 'none' && (
        <SwitchField
          label="Keep pruned models"
          checked={form.options.keepPrunedModels}
          onChange={(on) => form.setOption('keepPrunedModels', on)}
          note="(default: a pruned run keeps its row, not its model)"
          error={form.errors.keepPrunedModels}
          disabled={disabled}
        />
      )}
    </fieldset>
  );
}
