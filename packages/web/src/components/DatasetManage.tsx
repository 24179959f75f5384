import type { DatasetOption } from '@trainyard/core';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { DatasetActions } from '../hooks/useDatasetActions.js';
import { StatusMessage } from './StatusMessage.js';

type Step =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'confirming'; runs: number }
  | { step: 'deleting' };

/**
 * Rename and delete for an uploaded dataset. Delete asks once more, and says how many runs were
 * trained on it first (their rows and models stay). Built-ins get neither.
 */
export function DatasetManage(props: {
  dataset: DatasetOption;
  actions: DatasetActions;
  onRenamed: () => void;
  onDeleted: () => void;
}) {
  const { dataset, actions, onRenamed, onDeleted } = props;
  const nameId = useId();
  const [name, setName] = useState(dataset.name);
  const [state, setState] = useState<Step>({ step: 'idle' });
  useEffect(() => {
    setName(dataset.name);
    setState({ step: 'idle' });
  }, [dataset.name]);

  if (dataset.builtIn) return null;

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (await actions.rename(dataset.id, name)) onRenamed();
  }

  async function askDelete() {
    setState({ step: 'checking' });
    setState({ step: 'confirming', runs: await actions.runsUsing(dataset.id).catch(() => 0) });
  }

  async function confirmDelete(runs: number) {
    setState({ step: 'deleting' });
    if (await actions.remove(dataset.id, runs > 0)) onDeleted();
    else setState({ step: 'idle' });
  }

  return (
    <div className="dataset-manage">
      <form className="inline-form" onSubmit={rename}>
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={name.trim() === '' || name.trim() === dataset.name}>
          Rename
        </button>
      </form>
      {state.step === 'confirming' ? (
        <fieldset className="actions">
          <legend className="sr-only">Delete {dataset.name}?</legend>
          <span>
            {state.runs > 0
              ? `${state.runs} run${state.runs === 1 ? ' was' : 's were'} trained on ${dataset.name}; they and their models stay. Delete the dataset anyway?`
              : `Delete ${dataset.name}? Its file goes; this cannot be undone.`}
          </span>
          <button type="button" className="danger" onClick={() => confirmDelete(state.runs)}>
            Delete dataset
          </button>
          <button type="button" onClick={() => setState({ step: 'idle' })}>
            Keep
          </button>
        </fieldset>
      ) : (
        <button type="button" onClick={askDelete} disabled={state.step !== 'idle'}>
          {state.step === 'deleting' ? 'Deleting…' : 'Delete…'}
        </button>
      )}
      {actions.error && <StatusMessage kind="error">{actions.error}</StatusMessage>}
    </div>
  );
}
