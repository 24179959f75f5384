import type { RecordLabels } from '@trainyard/core';
import { type FormEvent, useId, useState } from 'react';

/**
 * Name, tags (comma-separated) and notes of a sweep or a run; an empty name clears it (a sweep then
 * reads its default name, shown as `namePlaceholder`). Key it by the record's id.
 */
export function LabelsForm(props: {
  labels: RecordLabels;
  namePlaceholder?: string;
  busy: boolean;
  onSave: (patch: { name: string; tags: string[]; notes: string }) => Promise<boolean>;
}) {
  const { labels, namePlaceholder, busy, onSave } = props;
  const id = useId();
  const [name, setName] = useState(labels.name ?? '');
  const [tags, setTags] = useState((labels.tags ?? []).join(', '));
  const [notes, setNotes] = useState(labels.notes ?? '');
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const ok = await onSave({ name, tags: tags.split(',').map((t) => t.trim()), notes });
    setSaved(ok);
  }

  return (
    <form className="labels-form" onSubmit={submit} aria-label="Name, tags and notes">
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          placeholder={namePlaceholder}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          value={tags}
          placeholder="lr, baseline"
          onChange={(e) => setTags(e.target.value)}
        />
      </div>
      <div className="field field-wide">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          value={notes}
          rows={2}
          onChange={(e) => setNotes(e.target.value)}
          maxLength={5000}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          Save labels
        </button>
        <span className="muted" role="status">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
