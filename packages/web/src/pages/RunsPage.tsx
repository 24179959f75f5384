import type { DatasetOption } from '@trainyard/core';
import { useState } from 'react';
import { type HistoryFilter, HistoryFilters } from '../components/HistoryFilters.js';
import { LossChart } from '../components/LossChart.js';
import { RunTable } from '../components/RunTable.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useRunHistory } from '../hooks/useRunHistory.js';

/** Every stored run across sessions (newest first), filtered by framework and dataset. */
export function RunsPage(props: { options: DatasetOption[] }) {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [version, setVersion] = useState(0);
  const { state } = useRunHistory(filter, version);
  const [picked, setPicked] = useState<number | null>(null);
  const runs = state.data ?? [];
  const shown = picked !== null ? runs[picked] : undefined;

  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <div className="card">
        <div className="filters-row">
          <HistoryFilters
            value={filter}
            onChange={(f) => {
              setPicked(null);
              setFilter(f);
            }}
            options={props.options}
          />
          <button type="button" onClick={() => setVersion((v) => v + 1)}>
            Refresh
          </button>
        </div>
        {state.status === 'loading' && !state.data && (
          <StatusMessage kind="loading">Loading runs…</StatusMessage>
        )}
        {state.status === 'failed' && (
          <StatusMessage kind="error">Could not load runs: {state.error}</StatusMessage>
        )}
        {state.status === 'done' && runs.length === 0 && (
          <StatusMessage kind="empty">No runs match. Train on the PyTorch or TensorFlow page.</StatusMessage>
        )}
        {runs.length > 0 && (
          <RunTable
            rows={runs}
            caption="Stored runs"
            csvName="trainyard-runs.csv"
            withContext
            selectedIndex={picked}
            onSelect={setPicked}
          />
        )}
        {shown && (
          <LossChart history={shown.history ?? []} title={`Loss curve of run #${(picked ?? 0) + 1}`} />
        )}
      </div>
    </section>
  );
}
