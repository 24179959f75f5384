import { ColumnSummaries } from '../components/ColumnSummaries.js';
import { CsvUpload } from '../components/CsvUpload.js';
import { DatasetCards } from '../components/DatasetCards.js';
import { DatasetManage } from '../components/DatasetManage.js';
import { RowsPreview } from '../components/RowsPreview.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useDatasetActions } from '../hooks/useDatasetActions.js';
import type { DatasetManifest } from '../hooks/useDatasetManifest.js';
import { useDatasetRows } from '../hooks/useDatasetRows.js';
import { useDatasetSummary } from '../hooks/useDatasetSummary.js';

/**
 * The manifest as cards, the selected dataset's column summaries and virtualised rows (with rename
 * and delete for an uploaded one), and CSV upload.
 */
export function DatasetsPage(props: { manifest: DatasetManifest }) {
  const { state, selected, select, reload } = props.manifest;
  const rows = useDatasetRows(selected?.id);
  const summary = useDatasetSummary(selected?.id);
  const actions = useDatasetActions();

  return (
    <section aria-labelledby="datasets-title">
      <h2 id="datasets-title">Datasets</h2>
      <p className="lead">
        Pick a dataset (or upload a CSV below), look at its columns, then train on it with PyTorch or
        TensorFlow.
      </p>
      {state.status === 'loading' && state.options.length === 0 && (
        <StatusMessage kind="loading">Loading datasets…</StatusMessage>
      )}
      {state.status === 'failed' && (
        <StatusMessage kind="error">Could not load datasets: {state.error}</StatusMessage>
      )}
      {state.status === 'done' && state.options.length === 0 && (
        <StatusMessage kind="empty">No datasets yet. Upload a CSV below.</StatusMessage>
      )}
      <DatasetCards options={state.options} selectedId={state.selectedDatasetId} onSelect={select} />

      {selected && (
        <div className="card">
          <h3>Rows of {selected.name}</h3>
          <DatasetManage
            dataset={selected}
            actions={actions}
            onRenamed={() => void reload()}
            onDeleted={() => void reload()}
          />
          {summary.status === 'failed' && (
            <StatusMessage kind="error">Could not summarise the columns: {summary.error}</StatusMessage>
          )}
          {summary.data && <ColumnSummaries summary={summary.data} />}
          {rows.status === 'loading' && <StatusMessage kind="loading">Loading rows…</StatusMessage>}
          {rows.status === 'failed' && (
            <StatusMessage kind="error">Could not load rows: {rows.error}</StatusMessage>
          )}
          {rows.status === 'done' && <RowsPreview first={rows.rows} targetColumn={selected.targetColumn} />}
        </div>
      )}

      <CsvUpload
        existing={state.options}
        onUseExisting={(dataset) => select(dataset.id)}
        onUploaded={async (dataset) => {
          select(dataset.id);
          await reload();
        }}
      />
    </section>
  );
}
