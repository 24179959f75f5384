import type { SweepForm } from '../hooks/useSweepForm.js';
import { TextField } from './TextField.js';

/** Honest selection: the validation split or k folds, and early stopping on the validation score. */
export function SweepValidationFields(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  const { options, errors, setOption } = form;
  return (
    <fieldset className="option-group">
      <legend>Validation and early stopping</legend>
      <div className="form-grid">
        <TextField
          label="Validation size"
          value={options.validationSize}
          onChange={(t) => setOption('validationSize', t)}
          error={errors.validationSize}
          hint="share of the non-test rows; 0: none"
          placeholder="0"
          disabled={disabled}
        />
        <TextField
          label="Folds"
          value={options.folds}
          onChange={(t) => setOption('folds', t)}
          error={errors.folds}
          hint="k-fold, 2-10; empty: none"
          inputMode="numeric"
          disabled={disabled}
        />
        <TextField
          label="Patience"
          value={options.patience}
          onChange={(t) => setOption('patience', t)}
          error={errors.patience}
          hint="epochs without improvement; empty: train to the end"
          inputMode="numeric"
          disabled={disabled}
        />
        <TextField
          label="Min delta"
          value={options.minDelta}
          onChange={(t) => setOption('minDelta', t)}
          error={errors.minDelta}
          hint="smallest rise that counts"
          placeholder="0"
          disabled={disabled}
        />
      </div>
    </fieldset>
  );
}
