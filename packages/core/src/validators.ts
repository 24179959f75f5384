/**
 * REQ-005 / DR-002 sweep validators. Each takes the raw text a user typed ("10, 20,50") and returns a
 * ParseResult: the distinct values in input order, or the first problem as a user-safe message.
 *
 * | field           | bounds          | kind    | out-of-range message example                        |
 * | --------------- | --------------- | ------- | --------------------------------------------------- |
 * | epochs          | [1,500]         | integer | `Epoch out of range (1-500): 0`                     |
 * | batch sizes     | [1,200]         | integer | `Batch size out of range (1-200): 0`                |
 * | hidden dims     | [8,500]         | integer | `Hidden dim out of range (8-500): 4`                |
 * | hidden layers   | [1,15]          | integer | `Hidden layers out of range (1-15): 0`              |
 * | dropouts        | [0,0.9]         | real    | `Dropout out of range (0-0.9): 1`                   |
 * | test sizes      | (0,1)           | real    | `Test size out of range (exclusive 0-1): 1`         |
 * | learning rates  | (0,1]           | real    | `Learning rate out of range (above 0 up to 1): 0`   |
 *
 * Other problems, shown for epochs (every field uses its own label):
 *
 * | input     | message                                           |
 * | --------- | ------------------------------------------------- |
 * | `''`      | `Epoch values are empty`                          |
 * | `'1,,2'`  | `Epoch values have an empty item at position 2`   |
 * | `'abc'`, `'10abc'`, `'0x10'`, `'NaN'`, `'Infinity'`, `'1e3'` | `Epoch is not a number: abc` |
 * | `'2.5'`   | `Epoch must be a whole number: 2.5`               |
 *
 * Values are shown as typed (trimmed). Bounds live in FIELD_RULES, shared with the zod schemas.
 */
import { checkNumber, FIELD_RULES } from './fieldRules.js';
import { type ParseResult, parseNumberList, parsePlainDecimal } from './parseNumberList.js';

/** @example validateEpochValues('0,10') // { ok: false, error: 'Epoch out of range (1-500): 0' } */
export const validateEpochValues = (text: string): ParseResult => parseNumberList(text, FIELD_RULES.epochs);

/** @example validateBatchSizes('16, 32') // { ok: true, values: [16, 32] } */
export const validateBatchSizes = (text: string): ParseResult => parseNumberList(text, FIELD_RULES.batchSize);

/** @example validateHiddenDims('4') // { ok: false, error: 'Hidden dim out of range (8-500): 4' } */
export const validateHiddenDims = (text: string): ParseResult => parseNumberList(text, FIELD_RULES.hiddenDim);

/** @example validateNumHiddenLayers('1,2') // { ok: true, values: [1, 2] } */
export const validateNumHiddenLayers = (text: string): ParseResult =>
  parseNumberList(text, FIELD_RULES.numHiddenLayers);

/** @example validateDropouts('0, 0.5') // { ok: true, values: [0, 0.5] } */
export const validateDropouts = (text: string): ParseResult => parseNumberList(text, FIELD_RULES.dropout);

/** @example validateTestSizes('1') // { ok: false, error: 'Test size out of range (exclusive 0-1): 1' } */
export const validateTestSizes = (text: string): ParseResult => parseNumberList(text, FIELD_RULES.testSize);

/** @example validateLearningRates('0.01, 0.001') // { ok: true, values: [0.01, 0.001] } */
export const validateLearningRates = (text: string): ParseResult =>
  parseNumberList(text, FIELD_RULES.learningRate);

/**
 * The seed field: empty means the default seed (undefined), else a whole number 0-4294967295.
 *
 * @example validateSeed('7') // { ok: true, value: 7 }; validateSeed('') // { ok: true, value: undefined }
 */
export function validateSeed(
  text: string,
): { ok: true; value: number | undefined } | { ok: false; error: string } {
  const shown = text.trim();
  if (shown === '') return { ok: true, value: undefined };
  const value = parsePlainDecimal(shown);
  const rule = FIELD_RULES.seed;
  const problem =
    value === null ? `${rule.label} is not a number: ${shown}` : checkNumber(rule, value, shown);
  return problem === null ? { ok: true, value: value! } : { ok: false, error: problem };
}
