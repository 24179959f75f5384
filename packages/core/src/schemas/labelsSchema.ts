import { z } from 'zod';
import { showValue } from './showValue.js';

export const MAX_NAME_LENGTH = 200;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_NOTES_LENGTH = 5000;

const text = (label: string, max: number) =>
  z
    .string({ error: (issue) => `${label} must be text: ${showValue(issue.input)}` })
    .trim()
    .max(max, { error: (issue) => `${label} is longer than ${max} characters: ${showValue(issue.input)}` });

/**
 * Body of `PATCH /api/sweeps/:id` and `PATCH /api/runs/:id`: any of name, tags, notes. An empty
 * name or notes clears it (a sweep then reads its default name); tags replace the previous ones,
 * trimmed, without repeats or empty ones.
 *
 * @example LabelsPatchSchema.parse({ name: ' lr search ', tags: ['lr', 'lr', ' '] }) // { name: 'lr search', tags: ['lr'] }
 */
export const LabelsPatchSchema = z.strictObject(
  {
    name: text('Name', MAX_NAME_LENGTH).optional(),
    tags: z
      .array(
        text('Tag', MAX_TAG_LENGTH).refine((t) => !t.includes(','), {
          error: (issue) => `Tag must not contain a comma: ${showValue(issue.input)}`,
        }),
        { error: (issue) => `Tags must be a list of texts: ${showValue(issue.input)}` },
      )
      .max(MAX_TAGS, { error: `Tags: at most ${MAX_TAGS}` })
      .transform((tags) => [...new Set(tags.filter((t) => t !== ''))])
      .optional(),
    notes: text('Notes', MAX_NOTES_LENGTH).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Only name, tags and notes can be changed: ${issue.keys.join(', ')}`
        : `Labels must be an object like {"name": "lr search"}: ${showValue(issue.input)}`,
  },
);

export type LabelsPatch = z.output<typeof LabelsPatchSchema>;
