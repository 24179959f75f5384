import { type DatasetOption, MAX_TAG_LENGTH, paramValues, runMatches } from '@trainyard/core';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { HistoryFilters } from '../components/HistoryFilters.js';
import { LabelsForm } from '../components/LabelsForm.js';
import { LossChart } from '../components/LossChart.js';
import { RunRangeFilters } from '../components/RunRangeFilters.js';
import { RunTable, type RunTableRow } from '../components/RunTable.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useRunHistory } from '../hooks/useRunHistory.js';
import { useRunSelection } from '../hooks/useRunSelection.js';
import { hashOf, parseHashLocation, replaceHash } from '../routing/hashLocation.js';
import { lazyPage } from '../routing/lazyPage.js';
import { type RunsView, runsViewOf, runsViewParams } from '../routing/runsViewParams.js';
import { useHash } from '../routing/useHash.js';

// The analysis views bring ECharts: their own chunk, fetched once there are runs to analyse.
const RunAnalysis = lazyPage(
  () => import('../components/analysis/RunAnalysis.js').then((m) => m.RunAnalysis),
  'Loading the analysis…',
);

/**
 * Every stored run across sessions (newest first) with its sweep, run number, kind, time,
 * duration, name and tags; filtered by framework, dataset and tag (on the server), score range and
 * any hyperparameter (here); with delete (and, asked, its model) and, for the picked run, its name,
 * tags and notes to edit; below, the analysis of the listed runs (compare, parallel coordinates,
 * importance, best configuration, PyTorch vs TensorFlow). The filters live in the URL
 * (`#/runs?framework=pytorch&minScore=0.9`): a reload or a shared link shows the same runs.
 */
export function RunsPage(props: { options: DatasetOption[] }) {
  const hash = useHash();
  const { filter, range, tag } = useMemo(() => runsViewOf(parseHashLocation(hash).params), [hash]);
  const [version, setVersion] = useState(0);
  const tagId = useId();
  const { state, remove, deleteError, label, labelError, labelling } = useRunHistory(
    { ...filter, tag: tag.trim() || undefined },
    version,
  );
  // By id, not position: deleting a row above must not move the chart to another run.
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const loaded = state.data ?? [];
  const values = useMemo(() => paramValues(loaded), [loaded]);
  const runs = useMemo(() => loaded.filter((r) => runMatches(r, range)), [loaded, range]);
  const analysed = useMemo(() => runs.map((r, i) => ({ ...r, number: i + 1 })), [runs]);
  const selection = useRunSelection();
  const picked = runs.findIndex((r) => r.id === pickedId);
  const shown = runs[picked];
  // Each change replaces the URL (no history entry per keystroke); a new filter drops the picked run.
  const setView = (next: Partial<RunsView>) => {
    setPickedId(null);
    replaceHash(hashOf({ route: 'runs', params: runsViewParams({ filter, range, tag, ...next }) }));
  };

  const onDelete = useCallback(
    async (row: RunTableRow, index: number, deleteModel: boolean) => {
      setDeleted(null);
      const ok = await remove(row.id, deleteModel);
      if (ok) {
        setDeleted(`Deleted run #${index + 1} (${row.id})${deleteModel ? ' and its model' : ''}.`);
        // Its Delete button is gone with the row; give keyboard focus a place to land.
        titleRef.current?.focus();
      }
      return ok;
    },
    [remove],
  );

  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title" ref={titleRef} tabIndex={-1}>
        Runs
      </h2>
      <div className="card">
        <div className="filters-row">
          <HistoryFilters value={filter} onChange={(f) => setView({ filter: f })} options={props.options} />
          <RunRangeFilters value={range} onChange={(r) => setView({ range: r })} values={values} />
          <div className="field">
            <label htmlFor={tagId}>Tag</label>
            <input
              id={tagId}
              value={tag}
              placeholder="any tag"
              maxLength={MAX_TAG_LENGTH}
              onChange={(e) => setView({ tag: e.target.value })}
            />
          </div>
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
        {deleteError && <StatusMessage kind="error">Could not delete the run: {deleteError}</StatusMessage>}
        <p className="sr-only" role="status">
          {deleted}
        </p>
        {state.status === 'done' && runs.length === 0 && (
          <StatusMessage kind="empty">No runs match. Train on the PyTorch or TensorFlow page.</StatusMessage>
        )}
        {runs.length > 0 && (
          <RunTable
            rows={runs}
            caption="Stored runs"
            csvName="trainyard-runs.csv"
            withContext
            selectedIndex={picked >= 0 ? picked : null}
            onSelect={(i) => setPickedId(runs[i]?.id ?? null)}
            onDelete={onDelete}
            shown={selection.brushed}
            compared={selection.compared}
            onCompare={selection.toggleCompared}
          />
        )}
        {shown && <LossChart history={shown.history ?? []} title={`Loss curve of run #${picked + 1}`} />}
        {shown && (
          <div className="run-labels">
            <h3>Labels of run #{picked + 1}</h3>
            {labelError && (
              <StatusMessage kind="error">Could not save the labels: {labelError}</StatusMessage>
            )}
            <LabelsForm
              key={shown.id}
              labels={shown}
              busy={labelling}
              onSave={(patch) => label(shown.id, patch)}
            />
          </div>
        )}
      </div>
      {runs.length > 0 && (
        <RunAnalysis runs={analysed} compared={selection.compared} onBrush={selection.setBrushed} />
      )}
    </section>
  );
}
