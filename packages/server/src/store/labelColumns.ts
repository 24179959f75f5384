import type { LabelsPatch, RecordLabels } from '@trainyard/core';
import type { LabelColumns } from './schema.js';

/** The columns a labels patch changes: an empty name or notes, or no tags, clears the column. */
export function labelValues(patch: LabelsPatch): Partial<LabelColumns> {
  const set: Partial<LabelColumns> = {};
  if (patch.name !== undefined) set.name = patch.name === '' ? null : patch.name;
  if (patch.notes !== undefined) set.notes = patch.notes === '' ? null : patch.notes;
  if (patch.tags !== undefined) set.tags = patch.tags.length === 0 ? null : JSON.stringify(patch.tags);
  return set;
}

/** Copies the stored labels onto a record (absent when none). */
export function withLabels<T extends RecordLabels>(record: T, r: LabelColumns): T {
  if (r.name != null) record.name = r.name;
  if (r.tags != null) record.tags = JSON.parse(r.tags) as string[];
  if (r.notes != null) record.notes = r.notes;
  return record;
}
