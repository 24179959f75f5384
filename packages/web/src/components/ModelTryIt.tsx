import { predictionTable } from '@trainyard/core';
import { useId, useState } from 'react';
import { usePrediction } from '../hooks/usePrediction.js';
import { downloadText } from '../util/downloadText.js';
import { toCsv } from '../util/toCsv.js';
import { StatusMessage } from './StatusMessage.js';

const SHOWN_ROWS = 20;

/** "Try it": paste CSV rows (header line first) or pick a CSV file, see the model's predictions, download them. */
export function ModelTryIt(props: { modelId: string }) {
  const ids = { text: useId(), file: useId() };
  const { state, predict } = usePrediction(props.modelId);
  const [csv, setCsv] = useState('');
  const table = state.status === 'done' ? predictionTable(state.result) : null;

  return (
    <details className="try-it">
      <summary>Try it</summary>
      <div className="field">
        <label htmlFor={ids.text}>
          Rows as CSV, header line first (extra columns such as the target are ignored)
        </label>
        <textarea id={ids.text} rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.file}>or a CSV file</label>
        <input
          id={ids.file}
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
      </div>
      <button
        type="button"
        disabled={csv.trim() === '' || state.status === 'running'}
        onClick={() => predict(csv)}
      >
        Predict
      </button>
      {state.status === 'running' && <StatusMessage kind="loading">Predicting…</StatusMessage>}
      {state.status === 'failed' && <StatusMessage kind="error">{state.error}</StatusMessage>}
      {table && (
        <>
          <button
            type="button"
            onClick={() => downloadText(`${props.modelId}-predictions.csv`, toCsv(table.fields, table.rows))}
          >
            Download {table.rows.length} predictions
          </button>
          <table className="data-table">
            <caption className="sr-only">Predictions</caption>
            <thead>
              <tr>
                {table.fields.map((f) => (
                  <th key={f} scope="col">
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.slice(0, SHOWN_ROWS).map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <td key={c}>{typeof cell === 'number' ? Number(cell.toPrecision(4)) : cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {table.rows.length > SHOWN_ROWS && (
            <p>
              First {SHOWN_ROWS} of {table.rows.length} shown; the download has them all.
            </p>
          )}
        </>
      )}
    </details>
  );
}
