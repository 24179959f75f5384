import {
  DEFAULT_SEED,
  describeOtherCounts,
  formatDuration,
  type StoredRun,
  sweepDisplayName,
  sweepDurationMs,
} from '@trainyard/core';
import { type ReactNode, useMemo, useState } from 'react';
import { LabelsForm } from '../components/LabelsForm.js';
import { LossChart } from '../components/LossChart.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { RunTable } from '../components/RunTable.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { SweepExtendForm } from '../components/SweepExtendForm.js';
import { bestLabel } from '../components/SweepListTable.js';
import { SwitchField } from '../components/SwitchField.js';
import { useRunSelection } from '../hooks/useRunSelection.js';
import { useSweepDetail } from '../hooks/useSweepDetail.js';
import { hashOf } from '../routing/hashLocation.js';
import { lazyPage } from '../routing/lazyPage.js';
import { formatTime } from '../util/formatTime.js';
import { searchSummary } from '../util/searchSummary.js';

// The analysis views bring ECharts: their own chunk, fetched once the sweep has runs.
const RunAnalysis = lazyPage(
  () => import('../components/analysis/RunAnalysis.js').then((m) => m.RunAnalysis),
  'Loading the analysis…',
);

/**
 * One sweep: what it is, its live run table and curves, its analysis, and the actions on it. `run` (1-based row
 * number) is the selected run, kept in the URL by `onSelectRun`.
 */
export function SweepDetailView(props: {
  id: string;
  run: number | null;
  onSelectRun: (run: number | null) => void;
  navigate: (hash: string) => void;
}) {
  const { id, run, onSelectRun, navigate } = props;
  const d = useSweepDetail(id);
  const { record, state } = d;
  const [panel, setPanel] = useState<'none' | 'extend' | 'delete'>('none');
  const [withModels, setWithModels] = useState(false);
  const selection = useRunSelection();
  const { rows, histories } = d.state;
  const fields = d.record?.fields;
  // The sweep's rows as the analysis reads them: with the sweep's seed and mode, and their curves.
  const analysed = useMemo(
    () =>
      rows.map((row, i) => {
        const stored = row as Partial<StoredRun>;
        return {
          ...row,
          seed: stored.seed ?? fields?.seed ?? DEFAULT_SEED,
          // A PyTorch run has no mode (the sweep's fields may still carry the form's default).
          mode: row.framework === 'tensorflow' ? (stored.mode ?? fields?.mode) : undefined,
          number: i + 1,
          history: histories[stored.combinationIndex ?? i],
        };
      }),
    [rows, histories, fields],
  );

  if (d.loadError && !record) {
    return (
      <>
        <a href={hashOf({ route: 'sweeps' })}>← All sweeps</a>
        <StatusMessage kind="error">
          Could not load sweep {id}: {d.loadError}
        </StatusMessage>
      </>
    );
  }
  if (!record) return <StatusMessage kind="loading">Loading sweep…</StatusMessage>;

  const running = record.status === 'running' || state.status === 'running';
  const missing = record.total - record.done;
  const selected = run !== null && run >= 1 && run <= rows.length ? run - 1 : null;
  const curveIndex =
    selected === null ? null : ((rows[selected] as Partial<StoredRun>).combinationIndex ?? selected);
  const name = sweepDisplayName(record);
  const facts: Array<[string, ReactNode]> = [
    [
      'Status',
      <span key="status" className={`result result-${record.status}`}>
        {record.status}
      </span>,
    ],
    ['Dataset', record.fields.datasetId],
    [
      'Framework',
      record.fields.mode === 'linear' ? `${record.fields.framework} (linear)` : record.fields.framework,
    ],
    ['Created', formatTime(record.createdAt)],
    ['Finished', formatTime(record.finishedAt)],
    ['Duration', formatDuration(sweepDurationMs(record, Date.now()))],
    ['Search', searchSummary(record.fields)],
    ['Best', bestLabel(record)],
    ['Tags', (record.tags ?? []).join(', ') || '—'],
  ];

  return (
    <div className="sweep-detail">
      <a href={hashOf({ route: 'sweeps' })}>← All sweeps</a>
      <div className="card">
        <h3>{name}</h3>
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <ProgressBar done={state.done} total={state.total || record.total} />
        <p className="muted" role="status">
          {record.done} of {record.total} combinations completed{describeOtherCounts(record)}
          {record.status === 'cancelled' ? ' (cancelled)' : ''}.
          {record.endReason ? ` ${record.endReason}.` : ''}
        </p>
        <div className="form-actions sweep-actions">
          {running && (
            <button type="button" onClick={() => void d.cancel()} disabled={d.busy}>
              Cancel sweep
            </button>
          )}
          {!running && missing > 0 && (
            <button type="button" onClick={() => void d.resume()} disabled={d.busy}>
              Resume ({missing} left)
            </button>
          )}
          <button
            type="button"
            disabled={d.busy}
            onClick={async () => {
              const again = await d.rerun();
              if (again) navigate(hashOf({ route: 'sweeps', id: again.id }));
            }}
          >
            Rerun same grid
          </button>
          <button
            type="button"
            disabled={running}
            aria-expanded={panel === 'extend'}
            onClick={() => setPanel(panel === 'extend' ? 'none' : 'extend')}
          >
            Extend…
          </button>
          <button
            type="button"
            className="danger"
            disabled={running}
            aria-expanded={panel === 'delete'}
            onClick={() => setPanel(panel === 'delete' ? 'none' : 'delete')}
          >
            Delete…
          </button>
        </div>
        {d.actionError && <StatusMessage kind="error">{d.actionError}</StatusMessage>}
        {panel === 'extend' && !running && (
          <SweepExtendForm
            sweep={record}
            busy={d.busy}
            onExtend={async (lists) => {
              const ok = await d.extend(lists);
              if (ok) setPanel('none');
              return ok;
            }}
          />
        )}
        {panel === 'delete' && !running && (
          <fieldset className="confirm-delete">
            <legend>
              Delete “{name}” and its {record.total} runs?
            </legend>
            <SwitchField
              label="Also delete the models they saved"
              checked={withModels}
              onChange={setWithModels}
            />
            <button
              type="button"
              className="danger"
              disabled={d.busy}
              onClick={async () => {
                if (await d.remove(withModels)) navigate(hashOf({ route: 'sweeps' }));
              }}
            >
              Delete sweep
            </button>
          </fieldset>
        )}
      </div>

      <div className="card">
        <h3>Runs</h3>
        {rows.length === 0 ? (
          <p className="status status-empty">No finished runs yet.</p>
        ) : (
          <RunTable
            rows={rows}
            caption={`Runs of ${name}`}
            csvName={`sweep-${record.id}.csv`}
            selectedIndex={selected}
            onSelect={(i) => onSelectRun(i + 1)}
            shown={selection.brushed}
            compared={selection.compared}
            onCompare={selection.toggleCompared}
          />
        )}
        {curveIndex !== null && selected !== null && (state.histories[curveIndex]?.length ?? 0) > 0 && (
          <LossChart
            history={state.histories[curveIndex] ?? []}
            title={`Loss curve of run #${selected + 1}`}
          />
        )}
      </div>

      {rows.length > 0 && (
        <RunAnalysis
          runs={analysed}
          compared={selection.compared}
          onBrush={selection.setBrushed}
          selection={record.fields}
        />
      )}

      <div className="card">
        <h3>Name, tags and notes</h3>
        <LabelsForm
          key={record.id}
          labels={record}
          namePlaceholder={sweepDisplayName({ ...record, name: undefined })}
          busy={d.busy}
          onSave={d.label}
        />
      </div>
    </div>
  );
}
