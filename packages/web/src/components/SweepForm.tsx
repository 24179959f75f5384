import type { SweepListField } from '@trainyard/core';
import { type FormEvent, useId } from 'react';
import type { SweepTraining } from '../hooks/useSweepTraining.js';

/** Visible labels of the seven sweep inputs (tests find the inputs by these). */
export const SWEEP_FIELD_LABELS: Record<SweepListField, string> = {
  epochValues: 'Epochs',
  batchSizes: 'Batch sizes',
  learningRates: 'Learning rates',
  testSizes: 'Test sizes',
  hiddenDims: 'Hidden dims',
  numHiddenLayers: 'Hidden layers',
  dropouts: 'Dropouts',
};

function SweepInput(props: { field: SweepListField; training: SweepTraining; disabled: boolean }) {
  const { field, training, disabled } = props;
  const id = useId();
  const error = disabled ? undefined : training.errors[field];
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{SWEEP_FIELD_LABELS[field]}</label>
      <input
        id={id}
        value={training.fields[field]}
        onChange={(e) => training.setField(field, e.target.value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * The sweep form: seven comma-separated lists with inline errors worded by the core validators,
 * the combination count, Start and Cancel. `linear` adds the TensorFlow linear-baseline switch.
 */
export function SweepForm(props: {
  training: SweepTraining;
  datasetId: string | null;
  engineProblem?: string | null;
  linear?: { on: boolean; set(on: boolean): void };
}) {
  const { training, datasetId, engineProblem, linear } = props;
  const linearId = useId();
  const running = training.state.status === 'running';
  const count = training.combinations.length;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (datasetId && training.canStart && !engineProblem) void training.start(datasetId);
  }

  return (
    <form className="card sweep-form" onSubmit={submit} aria-label="Sweep">
      <h3>Sweep</h3>
      <p className="muted">Comma-separated values; one model is trained per combination.</p>
      {linear && (
        <div className="field field-switch">
          <input
            id={linearId}
            type="checkbox"
            checked={linear.on}
            onChange={(e) => linear.set(e.target.checked)}
            disabled={running}
          />
          <label htmlFor={linearId}>Linear baseline</label>
          <span className="muted">(no hidden layers: hidden dims, layers and dropouts do not apply)</span>
        </div>
      )}
      <div className="form-grid">
        {(Object.keys(SWEEP_FIELD_LABELS) as SweepListField[]).map((field) => (
          <SweepInput
            key={field}
            field={field}
            training={training}
            disabled={running || training.disabledFields.includes(field)}
          />
        ))}
      </div>
      {training.gridError && (
        <p className="field-error" role="alert">
          {training.gridError}
        </p>
      )}
      <div className="form-actions">
        <output className="combination-count" aria-live="polite">
          {count === 1 ? '1 combination' : `${count} combinations`}
        </output>
        <button
          type="submit"
          disabled={!datasetId || !training.canStart || running || Boolean(engineProblem)}
        >
          Start
        </button>
        <button type="button" onClick={training.cancel} disabled={!running}>
          Cancel
        </button>
      </div>
    </form>
  );
}
