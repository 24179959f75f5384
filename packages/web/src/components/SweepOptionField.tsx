import type { SweepNumberOption } from '../hooks/sweepOptions.js';
import type { SweepForm } from '../hooks/useSweepForm.js';
import { TextField } from './TextField.js';

/** One number option of the sweep form, wired to the form: its text, its setter and core's error. */
export function SweepOptionField(props: {
  form: SweepForm;
  field: SweepNumberOption;
  label: string;
  hint: string;
  placeholder?: string;
  whole?: boolean;
  disabled: boolean;
}) {
  const { form, field, label, hint, placeholder, whole, disabled } = props;
  return (
    <TextField
      label={label}
      value={form.options[field]}
      onChange={(text) => form.setOption(field, text)}
      error={form.errors[field]}
      hint={hint}
      placeholder={placeholder}
      inputMode={whole ? 'numeric' : 'decimal'}
      disabled={disabled}
    />
  );
}
