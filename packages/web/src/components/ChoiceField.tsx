import { useId } from 'react';

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
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {hint && (
        <span id={`${id}-hint`} className="field-hint muted">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
