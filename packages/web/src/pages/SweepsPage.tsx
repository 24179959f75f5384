import type { DatasetOption, SweepFilter, SweepRecord } from '@trainyard/core';
import { useId } from 'react';
import { HistoryFilters } from '../components/HistoryFilters.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { SweepListTable } from '../components/SweepListTable.js';
import { useSweepList } from '../hooks/useSweepList.js';
import { hashOf, parseHashLocation, replaceHash } from '../routing/hashLocation.js';
import { historyFilterOf } from '../routing/runsViewParams.js';
import { useHash } from '../routing/useHash.js';
import { SweepDetailView } from './SweepDetailView.js';

const STATUSES: SweepRecord['status'][] = ['running', 'completed', 'cancelled', 'interrupted', 'failed'];

/** The filters of the list as they sit in the URL (`#/sweeps?status=running&tag=lr`). */
function filterOf(params: Record<string, string>): SweepFilter {
  const f: SweepFilter = historyFilterOf(params);
  if (STATUSES.includes(params.status as SweepRecord['status']))
    f.status = params.status as SweepRecord['status'];
  if (params.tag) f.tag = params.tag;
  if (params.text) f.text = params.text;
  return f;
}

function SweepList(props: {
  filter: SweepFilter;
  setFilter: (f: SweepFilter) => void;
  options: DatasetOption[];
}) {
  const { filter, setFilter, options } = props;
  const { state, reload } = useSweepList(filter);
  const id = useId();
  const sweeps = state.data ?? [];
  return (
    <div className="card">
      <div className="filters-row">
        <HistoryFilters
          value={{
            ...(filter.framework ? { framework: filter.framework } : {}),
            ...(filter.datasetId ? { datasetId: filter.datasetId } : {}),
          }}
          onChange={(f) => setFilter({ ...filter, framework: f.framework, datasetId: f.datasetId })}
          options={options}
        />
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              value={filter.status ?? ''}
              onChange={(e) =>
                setFilter({ ...filter, status: (e.target.value || undefined) as SweepFilter['status'] })
              }
            >
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-tag`}>Tag</label>
            <input
              id={`${id}-tag`}
              value={filter.tag ?? ''}
              onChange={(e) => setFilter({ ...filter, tag: e.target.value.trim() || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>Search</label>
            <input
              id={`${id}-text`}
              type="search"
              value={filter.text ?? ''}
              onChange={(e) => setFilter({ ...filter, text: e.target.value || undefined })}
            />
          </div>
        </div>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      {state.status === 'loading' && !state.data && (
        <StatusMessage kind="loading">Loading sweeps…</StatusMessage>
      )}
      {state.status === 'failed' && (
        <StatusMessage kind="error">Could not load sweeps: {state.error}</StatusMessage>
      )}
      {state.status === 'done' && sweeps.length === 0 && (
        <StatusMessage kind="empty">
          No sweeps match. Start one on the PyTorch or TensorFlow page.
        </StatusMessage>
      )}
      {sweeps.length > 0 && <SweepListTable sweeps={sweeps} now={Date.now()} />}
    </div>
  );
}

/**
 * Every sweep (`#/sweeps`, filters in the URL) or one of them (`#/sweeps/<id>?run=3`): the URL
 * names the page, the sweep, the selected run and the filters, so a link shows the same view.
 */
export function SweepsPage(props: { options: DatasetOption[] }) {
  const loc = parseHashLocation(useHash());
  const navigate = (hash: string) => {
    window.location.hash = hash;
  };
  const run = loc.params.run ? Number.parseInt(loc.params.run, 10) : null;
  return (
    <section aria-labelledby="sweeps-title">
      <h2 id="sweeps-title">Sweeps</h2>
      {loc.id ? (
        <SweepDetailView
          key={loc.id}
          id={loc.id}
          run={run !== null && Number.isFinite(run) ? run : null}
          onSelectRun={(r) =>
            replaceHash(
              hashOf({
                route: 'sweeps',
                id: loc.id,
                params: { ...loc.params, run: r === null ? undefined : String(r) },
              }),
            )
          }
          navigate={navigate}
        />
      ) : (
        <SweepList
          options={props.options}
          filter={filterOf(loc.params)}
          setFilter={(f) =>
            replaceHash(
              hashOf({
                route: 'sweeps',
                params: { status: f.status, framework: f.framework, tag: f.tag, text: f.text },
              }),
            )
          }
        />
      )}
    </section>
  );
}
