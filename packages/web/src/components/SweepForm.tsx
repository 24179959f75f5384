import { formatDuration, type SweepListField, sweepEstimate } from '@trainyard/core';
import { type FormEvent, useState } from 'react';
import type { SweepTraining } from '../hooks/useSweepTraining.js';
import { runCountLabel } from '../util/searchSummary.js';
import { SweepAdvancedOptions } from './SweepAdvancedOptions.js';
import { SwitchField } from './SwitchField.js';
import { TextField } from './TextField.js';

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

/**
 * The sweep form: seven comma-separated lists (or ranges, for random and TPE search) and the seed,
 * the advanced options folded away, every error inline as core words it, the run count, Start and
 * Cancel. `linear` adds the TensorFlow linear-baseline switch.
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
  const running = training.state.status === 'running';
  const count = training.runCount ?? 0;
  const ranges = training.search && training.options.strategy !== 'grid';
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
      <p className="muted">
        {ranges
          ? 'Comma-separated values, or one range per field like 0.0001..0.1 log or 16..256; the search samples them.'
          : 'Comma-separated values; one model is trained per combination.'}
      </p>
      {linear && (
        <SwitchField
          label="Linear baseline"
          checked={linear.on}
          onChange={linear.set}
          note="(no hidden layers: hidden dims, layers and dropouts do not apply)"
          disabled={running}
        />
      )}
      <div className="form-grid">
        {(Object.keys(SWEEP_FIELD_LABELS) as SweepListField[]).map((field) => {
          const disabled = running || training.disabledFields.includes(field);
          return (
            <TextField
              key={field}
              label={SWEEP_FIELD_LABELS[field]}
              value={training.fields[field]}
              onChange={(text) => training.setField(field, text)}
              error={disabled ? undefined : training.errors[field]}
              disabled={disabled}
            />
          );
        })}
      </div>
      <TextField
        className="field-seed"
        label="Seed"
        value={training.seedText}
        placeholder="42"
        onChange={training.setSeed}
        error={training.seedError}
        inputMode="numeric"
        disabled={running}
      />
      <SweepAdvancedOptions form={training} disabled={running} />
      {training.gridError && (
        <p className="field-error" role="alert">
          {training.gridError}
        </p>
      )}
      <div className="form-actions">
        <output className="combination-count" aria-live="polite">
          {training.valid && training.plan ? runCountLabel(training.plan) : ''}
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
