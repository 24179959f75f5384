import { useId } from 'react';

/** A labelled checkbox with a short note and its inline error: linear baseline, keep pruned models. */
export function SwitchField(props: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  note?: string | undefined;
  error?: string | null | undefined;
  disabled?: boolean | undefined;
}) {
  const { label, checked, onChange, note, error, disabled } = props;
  const id = useId();
  return (
    <div className="field field-switch">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {note && <span className="muted">{note}</span>}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
