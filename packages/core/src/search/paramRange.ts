import { checkNumber, type NumericFieldRule } from '../fieldRules.js';
import { parseNumberList, parsePlainDecimal } from '../parseNumberList.js';

/** A continuous or whole-number interval a random or TPE search samples from, both ends included. */
export interface ParamRange {
  low: number;
  high: number;
  /** Sampled uniformly in log space (learning rates), not linearly. */
  log: boolean;
  /** Whole numbers only (the field's rule is integer). */
  integer: boolean;
}

/** What one sweep field holds once parsed: the listed values, or one range. */
export type ParamDomain = { kind: 'list'; values: number[] } | ({ kind: 'range' } & ParamRange);

export type DomainResult = { ok: true; domain: ParamDomain } | { ok: false; error: string };

/** `low..high` with an optional ` log`: ranges are told from lists by the two dots. */
export const isRangeText = (text: string): boolean => text.includes('..');

/**
 * Parses one range like `0.0001..0.1 log` or `16..256` against a field's rule. Each end is checked like
 * a list item (plain decimal, whole for integer fields, within the rule's bounds); the low end must be
 * below the high end, and `log` needs a low end above 0. Messages name the field and show the text.
 *
 * @example parseParamRange('16..256', FIELD_RULES.hiddenDim) // { ok: true, domain: { kind: 'range', low: 16, high: 256, log: false, integer: true } }
 * @example parseParamRange('256..16', FIELD_RULES.hiddenDim) // { ok: false, error: 'Hidden dim range must go from low to high: 256..16' }
 */
export function parseParamRange(text: string, r: NumericFieldRule): DomainResult {
  const shown = text.trim();
  const shapeError = {
    ok: false,
    error: `${r.label} range must look like "low..high" or "low..high log": ${shown}`,
  } as const;
  // Spaces around the dots are allowed ("16 .. 256"); the only other word may be the option.
  const [body = '', ...options] = shown.replace(/\s*\.\.\s*/, '..').split(/\s+/);
  const at = body.indexOf('..');
  const lowText = body.slice(0, at);
  const highText = body.slice(at + 2);
  if (options.length > 1 || lowText === '' || highText === '' || highText.includes('..')) return shapeError;
  if (options.length === 1 && options[0] !== 'log') {
    return { ok: false, error: `${r.label} range option must be "log": ${shown}` };
  }
  const ends: number[] = [];
  for (const end of [lowText, highText]) {
    const value = parsePlainDecimal(end);
    if (value === null) return { ok: false, error: `${r.label} is not a number: ${end}` };
    const problem = checkNumber(r, value, end);
    if (problem !== null) return { ok: false, error: problem };
    ends.push(value);
  }
  const [low, high] = ends as [number, number];
  if (low >= high) return { ok: false, error: `${r.label} range must go from low to high: ${shown}` };
  const log = options.length === 1;
  if (log && low <= 0) return { ok: false, error: `${r.label} log range needs a low end above 0: ${shown}` };
  return { ok: true, domain: { kind: 'range', low, high, log, integer: r.integer } };
}

/**
 * One sweep field as a random or TPE search reads it: a range when it has `..`, else the strict list
 * of parseNumberList (same messages). A range mixed into a list is refused.
 *
 * @example parseParamDomain('0.0001..0.1 log', FIELD_RULES.learningRate) // range, log
 * @example parseParamDomain('0.1, 0.01', FIELD_RULES.learningRate) // { ok: true, domain: { kind: 'list', values: [0.1, 0.01] } }
 */
export function parseParamDomain(text: string, r: NumericFieldRule): DomainResult {
  if (!isRangeText(text)) {
    const parsed = parseNumberList(text, r);
    return parsed.ok ? { ok: true, domain: { kind: 'list', values: parsed.values } } : parsed;
  }
  if (text.includes(',')) {
    return { ok: false, error: `${r.label} takes a list or one range, not both: ${text.trim()}` };
  }
  return parseParamRange(text, r);
}

/** The message of a range sent to a grid sweep, which needs lists. */
export const gridRangeError = (r: NumericFieldRule, text: string): string =>
  `${r.label} range needs strategy random or tpe; a grid takes a list like "10, 20": ${text.trim()}`;
