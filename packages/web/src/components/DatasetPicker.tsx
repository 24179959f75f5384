import type { DatasetOption } from '@trainyard/core';
import { useId } from 'react';

/** A labelled select over the manifest; the selection itself lives in useDatasetManifest. */
export function DatasetPicker(props: {
  options: DatasetOption[];
  value: string | null;
  onChange: (datasetId: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const { options, value, onChange, disabled } = props;
  return (
    <div className="field">
      <label htmlFor={id}>Dataset</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {options.length === 0 && <option value="">No datasets</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.task}, {o.rows.toLocaleString('en')} rows)
          </option>
        ))}
      </select>
    </div>
  );
}
