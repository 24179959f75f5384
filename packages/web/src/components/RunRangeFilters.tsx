import { RUN_PARAMS, type RunParam, type RunRangeFilter } from '@trainyard/core';
import { useId, useState } from 'react';
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

/**
 * A score bound as typed ("0.", "abc" stay in the field; only a number filters); when the bound
 * changes from outside (a link opened on the page), the field shows the new one.
 */
function ScoreField(props: {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (next: number | undefined) => void;
}) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  if (optionalNumber(text) !== props.value) setText(props.value === undefined ? '' : String(props.value));
  return (
    <div className="field narrow">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        inputMode="decimal"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(optionalNumber(e.target.value));
        }}
      />
    </div>
  );
}

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
      <ScoreField
        id={ids.min}
        label="Score ≥"
        value={value.minScore}
        onChange={(minScore) => onChange({ ...value, minScore })}
      />
      <ScoreField
        id={ids.max}
        label="Score ≤"
        value={value.maxScore}
        onChange={(maxScore) => onChange({ ...value, maxScore })}
      />
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
