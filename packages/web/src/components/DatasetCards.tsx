import type { DatasetOption } from '@trainyard/core';

/**
 * The manifest as cards; each card is a toggle button, so the list works with Tab and Enter, with a
 * "Train on this dataset" link beside it that selects the dataset and opens the PyTorch page.
 */
export function DatasetCards(props: {
  options: DatasetOption[];
  selectedId: string | null;
  onSelect: (datasetId: string) => void;
}) {
  const { options, selectedId, onSelect } = props;
  return (
    <ul className="dataset-cards">
      {options.map((o) => (
        <li key={o.id}>
          <button
            type="button"
            className="dataset-card"
            aria-pressed={o.id === selectedId}
            onClick={() => onSelect(o.id)}
          >
            <span className="dataset-name" id={`card-name-${o.id}`}>
              {o.name}
            </span>
            <span className={`badge badge-${o.task}`}>{o.task}</span>
            <dl>
              <dt>Rows</dt>
              <dd>{o.rows.toLocaleString('en')}</dd>
              <dt>Features</dt>
              <dd>{o.featureColumns.length}</dd>
              {o.classes !== undefined && (
                <>
                  <dt>Classes</dt>
                  <dd>{o.classes}</dd>
                </>
              )}
              <dt>Target</dt>
              <dd>{o.targetColumn}</dd>
              <dt>Source</dt>
              <dd>{o.source}</dd>
            </dl>
          </button>
          <button
            type="button"
            className="link train-link"
            aria-describedby={`card-name-${o.id}`}
            onClick={() => {
              onSelect(o.id);
              window.location.hash = '#/pytorch';
            }}
          >
            Train on this dataset
          </button>
        </li>
      ))}
    </ul>
  );
}
