import { z } from 'zod';
import { checkNumber, FIELD_RULES } from '../fieldRules.js';
import { parsePlainDecimal } from '../parseNumberList.js';

/** Rows per page when the client does not say; FIELD_RULES.limit caps it at 1000. */
export const DEFAULT_ROWS_LIMIT = 100;

// Query strings arrive as text: parse them as strictly as the sweep validators do.
const queryInteger = (field: 'offset' | 'limit', fallback: number, capAtMax = false) => {
  const rule = FIELD_RULES[field];
  return z
    .union([z.string(), z.number()], {
      error: (issue) => `${rule.label} is not a number: ${String(issue.input)}`,
    })
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const shown = String(raw);
      const value = typeof raw === 'number' ? raw : parsePlainDecimal(raw);
      // A page larger than the cap is served at the cap (the answer's rows say how many came).
      if (capAtMax && value !== null && Number.isInteger(value) && value > rule.max) return rule.max;
      const problem =
        value === null ? `${rule.label} is not a number: ${shown}` : checkNumber(rule, value, shown);
      if (problem !== null || value === null) {
        ctx.addIssue({ code: 'custom', message: problem ?? '', input: raw });
        return z.NEVER;
      }
      return value;
    });
};

/**
 * Query of `GET /api/datasets/:id/rows`: offset >= 0 (default 0), limit >= 1 (default 100), capped at
 * 1000 (a larger limit is served as 1000, not refused).
 *
 * @example DatasetRowsQuerySchema.parse({ offset: '200' }) // { offset: 200, limit: 100 }
 */
export const DatasetRowsQuerySchema = z.object({
  offset: queryInteger('offset', 0),
  limit: queryInteger('limit', DEFAULT_ROWS_LIMIT, true),
});
