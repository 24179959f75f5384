import { z } from 'zod';
import { checkNumber, FIELD_RULES, type NumericField, type NumericFieldRule } from '../fieldRules.js';
import { showValue } from './showValue.js';

/**
 * A JSON number checked against FIELD_RULES (or a rule of the same shape), with exactly the
 * validators' messages.
 *
 * @example numberField('epochs').safeParse(0) // issue message 'Epoch out of range (1-500): 0'
 */
export function numberField(field: NumericField | NumericFieldRule) {
  const rule = typeof field === 'string' ? FIELD_RULES[field] : field;
  return z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? `${rule.label} is required`
          : `${rule.label} is not a number: ${showValue(issue.input)}`,
    })
    .superRefine((value, ctx) => {
      const problem = checkNumber(rule, value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
    });
}
