/** Longest piece of a user's file an error message repeats. */
export const SHOWN_MAX = 60;

/**
 * A user's text as an error message shows it: quoted, and cut to SHOWN_MAX characters, so a
 * malformed file (a 10 MB "column name") cannot turn a message into the file itself.
 * @example shown('species') // '"species"'; shown('a'.repeat(100)) // '"aaa…" (100 characters)'
 */
export function shown(text: string): string {
  if (text.length <= SHOWN_MAX) return `"${text}"`;
  return `"${text.slice(0, SHOWN_MAX)}…" (${text.length} characters)`;
}

/** A list of names for a message: the first `max`, then how many more. */
export function shownList(names: readonly string[], max = 20): string {
  const head = names.slice(0, max).map(shown).join(', ');
  return names.length > max ? `${head} and ${names.length - max} more` : head;
}
