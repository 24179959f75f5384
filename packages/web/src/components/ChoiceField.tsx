import { useId } from 'react';
import { describedBy, FieldNotes } from './FieldNotes.js';

/**
 * One labelled select with the chosen option's description below it and its inline error (core's
 * message): the sweep's strategy and pruner.
 */
export function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  choices: ReadonlyArray<{ value: T; label: string; hint: string }>;
  onChange: (value: T) => void;
  error?: string | null | undefined;
  disabled?: boolean | undefined;
}) {
  const { label, value, choices, onChange, error, disabled } = props;
  const id = useId();
  const hint = choices.find((c) => c.value === value)?.hint;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error, hint })}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
