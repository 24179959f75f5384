import { formatDuration, type SweepListField, sweepEstimate } from '@trainyard/core';
import { type FormEvent, useId, useState } from 'react';
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
  /** Durations of runs measured so far (this framework and dataset), for a large grid's estimate. */
  measuredMs?: readonly number[];
}) {
  const { training, datasetId, engineProblem, linear, measuredMs = [] } = props;
  const linearId = useId();
  const seedId = useId();
  const running = training.state.status === 'running';
  const count = training.combinations.length;
  const estimate = sweepEstimate(count, measuredMs);
  const [confirming, setConfirming] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!datasetId || !training.canStart || engineProblem) return;
    if (estimate.confirm && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    void training.start(datasetId);
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
      <div className={`field field-seed${training.seedError ? ' field-invalid' : ''}`}>
        <label htmlFor={seedId}>Seed</label>
        <input
          id={seedId}
          value={training.seedText}
          placeholder="42"
          onChange={(e) => training.setSeed(e.target.value)}
          disabled={running}
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={training.seedError ? true : undefined}
          aria-describedby={training.seedError ? `${seedId}-error` : undefined}
        />
        {training.seedError && (
          <span id={`${seedId}-error`} className="field-error" role="alert">
            {training.seedError}
          </span>
        )}
      </div>
      {training.gridError && (
        <p className="field-error" role="alert">
          {training.gridError}
        </p>
      )}
      <div className="form-actions">
        <output className="combination-count" aria-live="polite">
          {training.valid
            ? count === 1
              ? '1 combination'
              : `${count.toLocaleString('en')} combinations`
            : ''}
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
      {confirming && estimate.confirm && (
        <div className="confirm-large" role="alertdialog" aria-label="Confirm a large sweep">
          <p>
            This sweep trains {count.toLocaleString('en')} models
            {estimate.totalMs !== undefined && estimate.perRunMs !== undefined
              ? `: about ${formatDuration(estimate.totalMs)} one at a time, at ${formatDuration(estimate.perRunMs)} per run measured so far on this dataset.`
              : '. No run on this dataset was measured yet to estimate the time.'}
          </p>
          <div className="form-actions">
            <button type="submit">Start {count.toLocaleString('en')} runs</button>
            <button type="button" onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
