import { z } from 'zod';
import { DatasetIdSchema } from './ids.js';
import { showValue } from './showValue.js';
import { FrameworkSchema } from './trainSchemas.js';

/**
 * Query of `GET /api/sweeps`: every filter optional (SweepFilter).
 *
 * @example SweepFilterSchema.parse({ status: 'running', tag: 'lr' })
 */
export const SweepFilterSchema = z.object({
  status: z
    .enum(['running', 'completed', 'cancelled', 'interrupted', 'failed'], {
      error: (issue) =>
        `Status must be running, completed, cancelled, interrupted or failed: ${showValue(issue.input)}`,
    })
    .optional(),
  framework: FrameworkSchema.optional(),
  datasetId: DatasetIdSchema.optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  text: z.string().max(200).optional(),
});
