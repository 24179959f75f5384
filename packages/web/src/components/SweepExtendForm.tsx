import { SWEEP_LIST_FIELDS, type SweepFields, type SweepListField, type SweepRecord } from '@trainyard/core';
import { type FormEvent, useId, useState } from 'react';
import { SWEEP_FIELD_LABELS } from './SweepForm.js';

/** The sweep's lists, to add values to: only the new combinations are trained. */
export function SweepExtendForm(props: {
  sweep: SweepRecord;
  busy: boolean;
  onExtend: (lists: Partial<SweepFields>) => Promise<boolean>;
}) {
  const { sweep, busy, onExtend } = props;
  const id = useId();
  const fields = Object.keys(SWEEP_LIST_FIELDS) as SweepListField[];
  const [texts, setTexts] = useState<Record<SweepListField, string>>(
    () => Object.fromEntries(fields.map((f) => [f, sweep.fields[f]])) as Record<SweepListField, string>,
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    void onExtend(texts);
  }

  return (
    <form className="extend-form" onSubmit={submit} aria-label="Extend the sweep">
      <p className="muted">
        Add values to a list; the runs already trained are kept and only new combinations train.
      </p>
      <div className="form-grid">
        {fields.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${id}-${f}`}>{SWEEP_FIELD_LABELS[f]}</label>
            <input
              id={`${id}-${f}`}
              value={texts[f]}
              onChange={(e) => setTexts((t) => ({ ...t, [f]: e.target.value }))}
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          Extend and train
        </button>
      </div>
    </form>
  );
}
