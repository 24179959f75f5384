import { type SweepRecord, sweepDisplayName } from '@trainyard/core';
import { type FormEvent, useId, useState } from 'react';

/** Name, tags (comma-separated) and notes of a sweep; an empty name restores the default one. */
export function SweepLabelsForm(props: {
  sweep: SweepRecord;
  busy: boolean;
  onSave: (patch: { name: string; tags: string[]; notes: string }) => Promise<boolean>;
}) {
  const { sweep, busy, onSave } = props;
  const id = useId();
  const [name, setName] = useState(sweep.name ?? '');
  const [tags, setTags] = useState((sweep.tags ?? []).join(', '));
  const [notes, setNotes] = useState(sweep.notes ?? '');
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
          placeholder={sweepDisplayName({ ...sweep, name: undefined })}
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
