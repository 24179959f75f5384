import { csvBytesProblem, type DatasetOption, type TaskKind } from '@trainyard/core';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useDatasetUpload } from '../hooks/useDatasetUpload.js';
import { parseCsvHeader } from '../util/parseCsvHeader.js';
import { readBlobBytes } from '../util/readBlobBytes.js';
import { sha256Hex } from '../util/sha256Hex.js';
import { StatusMessage } from './StatusMessage.js';

/** Bytes read in the browser to find the header and refuse a binary file: a large file is never read whole here. */
const HEAD_BYTES = 64 * 1024;

/**
 * CSV upload: pick a file, pick its target column from the header, name it, send it. A file that is
 * not a text CSV (an image, a workbook, an empty file) is refused when picked, with the server's
 * own rule (core's csvBytesProblem); a file already uploaded (same bytes) is offered as that dataset.
 */
export function CsvUpload(props: {
  onUploaded: (dataset: DatasetOption) => void;
  /** The manifest, to recognise a file uploaded before (by content hash). */
  existing?: DatasetOption[];
  /** Selects an existing dataset instead of uploading the same file again. */
  onUseExisting?: (dataset: DatasetOption) => void;
}) {
  const ids = { file: useId(), target: useId(), name: useId(), task: useId() };
  const { state, upload, reset } = useDatasetUpload();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [task, setTask] = useState<'' | TaskKind>('');
  const [pickError, setPickError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<DatasetOption | null>(null);
  const picks = useRef(0);

  async function pick(f: File | null) {
    const ticket = ++picks.current;
    // A new file: what was said about the last one no longer applies.
    reset();
    setPickError(null);
    setDuplicate(null);
    setHeader([]);
    setTarget('');
    setFile(null);
    if (!f) return;
    const head = new Uint8Array(await readBlobBytes(f.slice(0, HEAD_BYTES)));
    if (ticket !== picks.current) return;
    const problem = csvBytesProblem(head);
    if (problem) return setPickError(`${f.name}: ${problem}`);
    const columns = parseCsvHeader(new TextDecoder().decode(head));
    setFile(f);
    setHeader(columns);
    setTarget(columns[columns.length - 1] ?? '');
    setName(f.name.replace(/\.csv$/i, ''));
    const hash = props.existing?.some((d) => d.contentHash)
      ? await sha256Hex(await readBlobBytes(f))
      : undefined;
    if (ticket !== picks.current) return;
    setDuplicate(props.existing?.find((d) => hash !== undefined && d.contentHash === hash) ?? null);
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
      {pickError && <StatusMessage kind="error">{pickError}</StatusMessage>}
      {duplicate && (
        <p className="notice" role="status">
          This file is already here as <strong>{duplicate.name}</strong>.{' '}
          <button type="button" onClick={() => props.onUseExisting?.(duplicate)}>
            Use {duplicate.name}
          </button>
        </p>
      )}
      <button type="submit" disabled={!file || !target || state.status === 'running'}>
        {state.status === 'running' ? 'Uploading…' : duplicate ? 'Upload anyway' : 'Upload'}
      </button>
      {!file && !pickError && <span className="muted"> Pick a CSV file with a header row to upload it.</span>}
      {state.status === 'failed' && <StatusMessage kind="error">{state.error}</StatusMessage>}
      {state.status === 'done' && (
        <p className="muted" role="status">
          Added {state.dataset.name}: {state.dataset.rows.toLocaleString('en')} rows.
        </p>
      )}
    </form>
  );
}
