import type { SearchStrategy } from '@trainyard/core';
import type { SweepForm } from '../hooks/useSweepForm.js';
import { ChoiceField } from './ChoiceField.js';
import { TextField } from './TextField.js';

const STRATEGIES: ReadonlyArray<{ value: SearchStrategy; label: string; hint: string }> = [
  { value: 'grid', label: 'Grid', hint: 'every combination of the lists' },
  { value: 'random', label: 'Random', hint: 'draws from the lists or ranges' },
  { value: 'tpe', label: 'TPE (Bayesian)', hint: "Optuna's TPE learns from the runs so far" },
];

/** Strategy and, for random and TPE, the budget (max runs, max minutes). */
export function SweepSearchFields(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  const { options, errors, setOption } = form;
  return (
    <fieldset className="option-group">
      <legend>Search</legend>
      <div className="form-grid">
        <ChoiceField
          label="Strategy"
          value={options.strategy}
          choices={STRATEGIES}
          onChange={(v) => setOption('strategy', v)}
          error={errors.strategy}
          disabled={disabled}
        />
        {options.strategy !== 'grid' && (
          <>
            <TextField
              label="Max runs"
              value={options.maxRuns}
              onChange={(t) => setOption('maxRuns', t)}
              error={errors.maxRuns}
              hint="budget: runs to start"
              inputMode="numeric"
              disabled={disabled}
            />
            <TextField
              label="Max minutes"
              value={options.maxMinutes}
              onChange={(t) => setOption('maxMinutes', t)}
              error={errors.maxMinutes}
              hint="budget: wall-clock time"
              disabled={disabled}
            />
          </>
        )}
      </div>
    </fieldset>
  );
}
