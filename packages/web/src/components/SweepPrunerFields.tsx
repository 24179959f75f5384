import { DEFAULT_GRACE_PERIOD, DEFAULT_REDUCTION_FACTOR, type PrunerKind } from '@trainyard/core';
import type { SweepForm } from '../hooks/useSweepForm.js';
import { ChoiceField } from './ChoiceField.js';
import { SwitchField } from './SwitchField.js';
import { TextField } from './TextField.js';

const PRUNERS: ReadonlyArray<{ value: PrunerKind; label: string; hint: string }> = [
  { value: 'none', label: 'None', hint: 'every run trains to the end' },
  { value: 'asha', label: 'ASHA', hint: 'successive halving on the validation score' },
  { value: 'median', label: 'Median rule', hint: 'stops a run below the median of the others' },
];

/** The pruner, with its grace period, ASHA's reduction factor, and whether pruned runs keep models. */
export function SweepPrunerFields(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  const { options, errors, setOption } = form;
  return (
    <fieldset className="option-group">
      <legend>Pruning</legend>
      <div className="form-grid">
        <ChoiceField
          label="Pruner"
          value={options.pruner}
          choices={PRUNERS}
          onChange={(v) => setOption('pruner', v)}
          error={errors.pruner}
          disabled={disabled}
        />
        {options.pruner !== 'none' && (
          <TextField
            label="Grace period"
            value={options.gracePeriod}
            onChange={(t) => setOption('gracePeriod', t)}
            error={errors.gracePeriod}
            hint="epochs before the first decision"
            placeholder={String(DEFAULT_GRACE_PERIOD)}
            inputMode="numeric"
            disabled={disabled}
          />
        )}
        {options.pruner === 'asha' && (
          <TextField
            label="Reduction factor"
            value={options.reductionFactor}
            onChange={(t) => setOption('reductionFactor', t)}
            error={errors.reductionFactor}
            hint="keep the top 1/n at each rung"
            placeholder={String(DEFAULT_REDUCTION_FACTOR)}
            inputMode="numeric"
            disabled={disabled}
          />
        )}
      </div>
      {options.pruner !== 'none' && (
        <SwitchField
          label="Keep pruned models"
          checked={options.keepPrunedModels}
          onChange={(on) => setOption('keepPrunedModels', on)}
          note="(default: a pruned run keeps its row, not its model)"
          error={errors.keepPrunedModels}
          disabled={disabled}
        />
      )}
    </fieldset>
  );
}
