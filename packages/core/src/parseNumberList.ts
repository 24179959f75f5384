import { checkNumber, type NumericFieldRule } from './fieldRules.js';

export type ParseResult = { ok: true; values: number[] } | { ok: false; error: string };

/**
 * Most values one list may hold. A real grid has a handful; far above any useful sweep
 * (MAX_SWEEP_COMBINATIONS is 10,000 in all) and checked before any value is parsed, so a
 * near-1 MiB list of distinct numbers is refused at once instead of being worked through.
 */
export const MAX_LIST_VALUES = 1000;

/**
 * Digits with an optional sign, decimal point and exponent (`1e-3` is how learning rates are
 * typed); no hex, NaN or Infinity.
 */
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses one item strictly as a finite decimal number (scientific notation included); null when it
 * is anything else, or too large to be finite (`1e999`).
 *
 * @example parsePlainDecimal('1e-3') // 0.001
 */
export function parsePlainDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!PLAIN_DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return null;
  // -0 would print as 0 but compare as distinct in some places; normalise once here.
  return Object.is(value, -0) ? 0 : value;
}

/**
 * One typed number field for a schema: the number when the text is a plain decimal, else the text
 * itself, so the schema refuses it as typed (`Max runs is not a number: "abc"`). The CLI's flags and
 * the web form's fields go through it before SweepRequestSchema.
 *
 * @example numberOrText(' 20 ') // 20; numberOrText('abc') // 'abc'
 */
export function numberOrText(text: string): number | string {
  return parsePlainDecimal(text) ?? text;
}

/**
 * Parses comma-separated user text against a rule. Reports the first offending item in input order;
 * keeps a repeated value once (first occurrence) so a sweep grid never repeats a combination.
 *
 * @example parseNumberList('10, 20,10', FIELD_RULES.epochs) // { ok: true, values: [10, 20] }
 */
export function parseNumberList(text: string, rule: NumericFieldRule): ParseResult {
  if (text.trim() === '') return { ok: false, error: `${rule.label} values are empty` };
  const items = text.split(',');
  if (items.length > MAX_LIST_VALUES) {
    return {
      ok: false,
      error: `${rule.label} values are too many: ${items.length} (at most ${MAX_LIST_VALUES} per list)`,
    };
  }
  // A Set keeps the check linear; insertion order keeps the first occurrence first.
  const values = new Set<number>();
  for (const [index, item] of items.entries()) {
    const shown = item.trim();
    if (shown === '')
      return { ok: false, error: `${rule.label} values have an empty item at position ${index + 1}` };
    const value = parsePlainDecimal(shown);
    if (value === null) return { ok: false, error: `${rule.label} is not a number: ${shown}` };
    const problem = checkNumber(rule, value, shown);
    if (problem !== null) return { ok: false, error: problem };
    values.add(value);
  }
  return { ok: true, values: [...values] };
}
