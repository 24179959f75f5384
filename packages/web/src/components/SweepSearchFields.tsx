import type { SearchStrategy } from '@trainyard/core';
import type { SweepForm } from '../hooks/useSweepForm.js';
import { ChoiceField } from './ChoiceField.js';
import { SweepOptionField } from './SweepOptionField.js';

const STRATEGIES: ReadonlyArray<{ value: SearchStrategy; label: string; hint: string }> = [
  { value: 'grid', label: 'Grid', hint: 'every combination of the lists' },
  { value: 'random', label: 'Random', hint: 'draws from the lists or ranges' },
  { value: 'tpe', label: 'TPE (Bayesian)', hint: "Optuna's TPE learns from the runs so far" },
];

/** Strategy and, for random and TPE, the budget (max runs, max minutes). */
export function SweepSearchFields(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  return (
    <fieldset className="option-group">
      <legend>Search</legend>
      <div className="form-grid">
        <ChoiceField
          label="Strategy"
          value={form.options.strategy}
          choices={STRATEGIES}
          onChange={(v) => form.setOption('strategy', v)}
          error={form.errors.strategy}
          disabled={disabled}
        />
        {form.options.strategy !== 'grid' && (
          <>
            <SweepOptionField
              form={form}
              field="maxRuns"
              label="Max runs"
              hint="budget: runs to start"
              whole
              disabled={disabled}
            />
            <SweepOptionField
              form={form}
              field="maxMinutes"
              label="Max minutes"
              hint="budget: wall-clock time"
              disabled={disabled}
            />
          </>
        )}
      </div>
    </fieldset>
  );
}
