import { useId } from 'react';
import { describedBy, FieldNotes } from './FieldNotes.js';

/**
 * One labelled text input with an optional hint and its inline error (core's message, announced):
 * every number and list field of the sweep and distillation forms.
 */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  error?: string | null | undefined;
  hint?: string | undefined;
  placeholder?: string | undefined;
  disabled?: boolean | undefined;
  inputMode?: 'decimal' | 'numeric' | 'text';
  className?: string | undefined;
}) {
  const {
    label,
    value,
    onChange,
    error,
    hint,
    placeholder,
    disabled,
    inputMode = 'decimal',
    className,
  } = props;
  const id = useId();
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error, hint })}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
