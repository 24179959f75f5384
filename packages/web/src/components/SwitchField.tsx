import { useId } from 'react';
import { describedBy, FieldNotes } from './FieldNotes.js';

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
        aria-describedby={describedBy(id, { error })}
      />
      <label htmlFor={id}>{label}</label>
      {note && <span className="muted">{note}</span>}
      <FieldNotes id={id} error={error} />
    </div>
  );
}
