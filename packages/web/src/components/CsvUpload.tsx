import type { DatasetOption, TaskKind } from '@trainyard/core';
import { type FormEvent, useId, useState } from 'react';
import { useDatasetUpload } from '../hooks/useDatasetUpload.js';
import { parseCsvHeader } from '../util/parseCsvHeader.js';
import { StatusMessage } from './StatusMessage.js';

/** CSV upload: pick a file, pick its target column from the header, name it, send it. */
export function CsvUpload(props: { onUploaded: (dataset: DatasetOption) => void }) {
  const ids = { file: useId(), target: useId(), name: useId(), task: useId() };
  const { state, upload } = useDatasetUpload();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [task, setTask] = useState<'' | TaskKind>('');

  async function pick(f: File | null) {
    setFile(f);
    if (!f) return setHeader([]);
    // The header is in the first few kilobytes; never read a large file whole in the browser.
    const columns = parseCsvHeader(await f.slice(0, 64 * 1024).text());
    setHeader(columns);
    setTarget(columns[columns.length - 1] ?? '');
    setName(f.name.replace(/\.csv$/i, ''));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || !target) return;
    const dataset = await upload({
      name: name.trim() || file.name,
      target,
      task: task || undefined,
      csv: file,
    });
    if (dataset) props.onUploaded(dataset);
  }

  return (
    <form className="card upload" onSubmit={submit}>
      <h3>Upload a CSV</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.file}>CSV file</label>
          <input
            id={ids.file}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => pick(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.target}>Target column</label>
          <select
            id={ids.target}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            disabled={!header.length}
          >
            {header.length === 0 && <option value="">Pick a file first</option>}
            {header.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>Dataset name</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor={ids.task}>Task</label>
          <select id={ids.task} value={task} onChange={(e) => setTask(e.target.value as '' | TaskKind)}>
            <option value="">Infer from the target</option>
            <option value="classification">Classification</option>
            <option value="regression">Regression</option>
          </select>
        </div>
      </div>
      <button type="submit" disabled={!file || !target || state.status === 'running'}>
        {state.status === 'running' ? 'Uploading…' : 'Upload'}
      </button>
      {state.status === 'failed' && <StatusMessage kind="error">{state.error}</StatusMessage>}
      {state.status === 'done' && (
        <p className="muted" role="status">
          Added {state.dataset.name}: {state.dataset.rows.toLocaleString('en')} rows.
        </p>
      )}
    </form>
  );
}
