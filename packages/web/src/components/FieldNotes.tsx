/**
 * What stands under a field: its hint, then its error (core's message, announced). `id` is the
 * field's; the notes get `${id}-hint` and `${id}-error` for the input's aria-describedby
 * (`describedBy`).
 */
export function FieldNotes(props: {
  id: string;
  hint?: string | undefined;
  error?: string | null | undefined;
}) {
  const { id, hint, error } = props;
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className="field-hint muted">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** The aria-describedby of a field with FieldNotes: its error and hint, when there are. */
export const describedBy = (
  id: string,
  notes: { hint?: string | undefined; error?: string | null | undefined },
) =>
  [notes.error ? `${id}-error` : '', notes.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
