import type { RecordLabels } from '@trainyard/core';

/**
 * The patch of `sweep tag` and `runs tag`: the tags (comma separated; none clears them) replace the
 * previous ones, and --notes sets the notes; with only --notes the tags stay.
 */
export function tagsPatchOf(
  tags: string | undefined,
  notes: string | undefined,
): { tags?: string[]; notes?: string } {
  const patch: { tags?: string[]; notes?: string } = {};
  if (tags !== undefined || notes === undefined) patch.tags = (tags ?? '').split(',');
  if (notes !== undefined) patch.notes = notes;
  return patch;
}

/** What `sweep tag` and `runs tag` print: `Sweep <id> tags: a, b; notes: …`. */
export function describeTags(kind: 'Sweep' | 'Run', rec: RecordLabels & { id: string }): string {
  return `${kind} ${rec.id} tags: ${(rec.tags ?? []).join(', ') || 'none'}${rec.notes ? `; notes: ${rec.notes}` : ''}`;
}
