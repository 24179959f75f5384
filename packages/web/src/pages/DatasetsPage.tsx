import { CsvUpload } from '../components/CsvUpload.js';
import { DatasetCards } from '../components/DatasetCards.js';
import { RowsPreview } from '../components/RowsPreview.js';
import { StatusMessage } from '../components/StatusMessage.js';
import type { DatasetManifest } from '../hooks/useDatasetManifest.js';
import { useDatasetRows } from '../hooks/useDatasetRows.js';

/** The manifest as cards, a virtualised preview of the selected dataset, and CSV upload. */
export function DatasetsPage(props: { manifest: DatasetManifest }) {
  const { state, selected, select, reload } = props.manifest;
  const rows = useDatasetRows(selected?.id);

  return (
    <section aria-labelledby="datasets-title">
      <h2 id="datasets-title">Datasets</h2>
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
          {rows.status === 'loading' && <StatusMessage kind="loading">Loading rows…</StatusMessage>}
          {rows.status === 'failed' && (
            <StatusMessage kind="error">Could not load rows: {rows.error}</StatusMessage>
          )}
          {rows.status === 'done' && <RowsPreview first={rows.rows} targetColumn={selected.targetColumn} />}
        </div>
      )}

      <CsvUpload
        onUploaded={async (dataset) => {
          select(dataset.id);
          await reload();
        }}
      />
    </section>
  );
}
