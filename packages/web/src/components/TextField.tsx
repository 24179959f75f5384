import { useId } from 'react';

/**
 * One labelled text input with its inline error (core's message, announced) and an optional hint:
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
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
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
        aria-describedby={described || undefined}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
      />
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
