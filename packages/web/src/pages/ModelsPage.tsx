import type { DatasetOption } from '@trainyard/core';
import { useState } from 'react';
import { type HistoryFilter, HistoryFilters } from '../components/HistoryFilters.js';
import { ModelDownloadLink } from '../components/ModelDownloadLink.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useModels } from '../hooks/useModels.js';
import { formatCount, formatMetric } from '../util/formatNumber.js';

/** Saved models with download and delete (delete asks once more, inline). */
export function ModelsPage(props: { options: DatasetOption[] }) {
  const { state, remove, reload, deleteError } = useModels();
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const models = (state.data ?? []).filter(
    (m) =>
      (!filter.framework || m.framework === filter.framework) &&
      (!filter.datasetId || m.datasetId === filter.datasetId),
  );

  return (
    <section aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      <div className="card">
        <div className="filters-row">
          <HistoryFilters value={filter} onChange={setFilter} options={props.options} />
          <button type="button" onClick={reload}>
            Refresh
          </button>
        </div>
        {state.status === 'loading' && !state.data && (
          <StatusMessage kind="loading">Loading models…</StatusMessage>
        )}
        {state.status === 'failed' && (
          <StatusMessage kind="error">Could not load models: {state.error}</StatusMessage>
        )}
        {deleteError && <StatusMessage kind="error">Could not delete: {deleteError}</StatusMessage>}
        {state.status === 'done' && models.length === 0 && (
          <StatusMessage kind="empty">No models match. Every completed run saves one.</StatusMessage>
        )}
        {models.length > 0 && (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="sr-only">Saved models</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Framework</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Dataset</th>
                  <th scope="col">Score</th>
                  <th scope="col">Parameters</th>
                  <th scope="col">Shape</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <tr key={m.modelId}>
                    <td>
                      <code>{m.modelId}</code>
                    </td>
                    <td>{m.framework}</td>
                    <td>{m.kind}</td>
                    <td>{m.datasetId}</td>
                    <td>
                      {m.metric_name} {formatMetric(m.metric_score)}
                    </td>
                    <td>{formatCount(m.parameterCount)}</td>
                    <td>
                      {m.params.mode === 'linear'
                        ? 'linear'
                        : `${m.params.numHiddenLayers}×${m.params.hiddenDim}`}
                    </td>
                    <td>{new Date(m.createdAt).toLocaleString('en-GB')}</td>
                    <td>
                      <div className="actions">
                        <ModelDownloadLink modelId={m.modelId} />
                        {confirming === m.modelId ? (
                          <>
                            <button
                              type="button"
                              className="danger"
                              onClick={() => remove(m.modelId).then(() => setConfirming(null))}
                            >
                              Confirm delete
                            </button>
                            <button type="button" onClick={() => setConfirming(null)}>
                              Keep
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            onClick={() => setConfirming(m.modelId)}
                            aria-label={`Delete model ${m.modelId}`}
                          >
                            Delete
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
