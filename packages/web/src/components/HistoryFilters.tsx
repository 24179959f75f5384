import type { DatasetOption, Framework } from '@trainyard/core';
import { useId } from 'react';

export interface HistoryFilter {
  framework?: Framework;
  datasetId?: string;
}

/** Framework and dataset filters shared by the Runs and Models pages. */
export function HistoryFilters(props: {
  value: HistoryFilter;
  onChange: (next: HistoryFilter) => void;
  options: DatasetOption[];
}) {
  const { value, onChange, options } = props;
  const fw = useId();
  const ds = useId();
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor={fw}>Framework</label>
        <select
          id={fw}
          value={value.framework ?? ''}
          onChange={(e) =>
            onChange({ ...value, framework: (e.target.value || undefined) as Framework | undefined })
          }
        >
          <option value="">All frameworks</option>
          <option value="pytorch">PyTorch</option>
          <option value="tensorflow">TensorFlow</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ds}>Dataset</label>
        <select
          id={ds}
          value={value.datasetId ?? ''}
          onChange={(e) => onChange({ ...value, datasetId: e.target.value || undefined })}
        >
          <option value="">All datasets</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
