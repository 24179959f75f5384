import type { DatasetOption } from '@trainyard/core';
import { useState } from 'react';
import { type HistoryFilter, HistoryFilters } from '../components/HistoryFilters.js';
import { ModelTable } from '../components/ModelTable.js';
import { ModelTryIt } from '../components/ModelTryIt.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useModels } from '../hooks/useModels.js';

/** Saved models (what each is and where it came from, sortable) with download and delete (asked once more, inline). */
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
          <ModelTable
            models={models}
            actions={(m) => (
              <>
                <ModelTryIt modelId={m.modelId} />
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
              </>
            )}
          />
        )}
      </div>
    </section>
  );
}
