import { RUN_PARAMS, type RunParam, type RunRangeFilter } from '@trainyard/core';
import { useId } from 'react';
import { optionalNumber } from '../util/optionalNumber.js';

const PARAM_LABELS: Record<RunParam, string> = {
  epochs: 'Epochs',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  testSize: 'Test size',
  hiddenDim: 'Hidden dim',
  numHiddenLayers: 'Hidden layers',
  dropout: 'Dropout',
};

/** Score range and one hyperparameter value: the Runs page's filters beyond framework and dataset. */
export function RunRangeFilters(props: {
  value: RunRangeFilter;
  onChange: (next: RunRangeFilter) => void;
  /** The values each hyperparameter takes among the loaded runs (core's paramValues). */
  values: Record<RunParam, number[]>;
}) {
  const { value, onChange, values } = props;
  const ids = { min: useId(), max: useId(), param: useId(), value: useId() };
  const param = value.param;
  return (
    <div className="filters">
      <div className="field narrow">
        <label htmlFor={ids.min}>Score ≥</label>
        <input
          id={ids.min}
          inputMode="decimal"
          defaultValue={value.minScore ?? ''}
          onChange={(e) => onChange({ ...value, minScore: optionalNumber(e.target.value) })}
        />
      </div>
      <div className="field narrow">
        <label htmlFor={ids.max}>Score ≤</label>
        <input
          id={ids.max}
          inputMode="decimal"
          defaultValue={value.maxScore ?? ''}
          onChange={(e) => onChange({ ...value, maxScore: optionalNumber(e.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.param}>Hyperparameter</label>
        <select
          id={ids.param}
          value={param ?? ''}
          onChange={(e) => {
            const { value: _v, param: _p, ...rest } = value;
            const next = e.target.value as RunParam | '';
            onChange(next ? { ...rest, param: next } : rest);
          }}
        >
          <option value="">Any</option>
          {RUN_PARAMS.map((p) => (
            <option key={p} value={p}>
              {PARAM_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      {param && (
        <div className="field">
          <label htmlFor={ids.value}>{PARAM_LABELS[param]} =</label>
          <select
            id={ids.value}
            value={value.value ?? ''}
            onChange={(e) => {
              const { value: _v, ...rest } = value;
              onChange(e.target.value === '' ? rest : { ...rest, value: Number(e.target.value) });
            }}
          >
            <option value="">Any value</option>
            {values[param].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
