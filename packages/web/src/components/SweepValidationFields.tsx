import type { SweepForm } from '../hooks/useSweepForm.js';
import { SweepOptionField } from './SweepOptionField.js';

/** Honest selection: the validation split or k folds, and early stopping on the validation score. */
export function SweepValidationFields(props: { form: SweepForm; disabled: boolean }) {
  const { form, disabled } = props;
  return (
    <fieldset className="option-group">
      <legend>Validation and early stopping</legend>
      <div className="form-grid">
        <SweepOptionField
          form={form}
          field="validationSize"
          label="Validation size"
          hint="share of the non-test rows; 0: none"
          placeholder="0"
          disabled={disabled}
        />
        <SweepOptionField
          form={form}
          field="folds"
          label="Folds"
          hint="k-fold, 2-10; empty: none"
          whole
          disabled={disabled}
        />
        <SweepOptionField
          form={form}
          field="patience"
          label="Patience"
          hint="epochs without improvement; empty: train to the end"
          whole
          disabled={disabled}
        />
        <SweepOptionField
          form={form}
          field="minDelta"
          label="Min delta"
          hint="smallest rise that counts"
          placeholder="0"
          disabled={disabled}
        />
      </div>
    </fieldset>
  );
}
