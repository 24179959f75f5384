import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_RULES, formatBounds, type NumericFieldRule } from './fieldRules.js';
import type { ParseResult } from './parseNumberList.js';
import {
  validateBatchSizes,
  validateDropouts,
  validateEpochValues,
  validateHiddenDims,
  validateLearningRates,
  validateNumHiddenLayers,
  validateSeed,
  validateTestSizes,
} from './validators.js';

const VALIDATORS: Array<[string, (text: string) => ParseResult, NumericFieldRule]> = [
  ['validateEpochValues', validateEpochValues, FIELD_RULES.epochs],
  ['validateBatchSizes', validateBatchSizes, FIELD_RULES.batchSize],
  ['validateHiddenDims', validateHiddenDims, FIELD_RULES.hiddenDim],
  ['validateNumHiddenLayers', validateNumHiddenLayers, FIELD_RULES.numHiddenLayers],
  ['validateDropouts', validateDropouts, FIELD_RULES.dropout],
  ['validateTestSizes', validateTestSizes, FIELD_RULES.testSize],
  ['validateLearningRates', validateLearningRates, FIELD_RULES.learningRate],
];

/** The adjacent double towards +∞ (dir 1) or −∞ (dir −1). */
function nextAfter(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = bits[0]! + (x > 0 === dir > 0 ? 1n : -1n);
  return f[0]!;
}

/** A number written as a plain decimal (the validators reject exponent notation). */
function toPlainDecimal(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = `${lead}${frac}`;
  return exp < 0 ? `${sign}0.${'0'.repeat(-exp - 1)}${digits}` : `${sign}${digits.padEnd(exp + 1, '0')}`;
}

const outOfRange = (r: NumericFieldRule, shown: string) =>
  `${r.label} out of range (${formatBounds(r)}): ${shown}`;

describe('sweep validators', () => {
  it("AC-005 validateEpochValues('0,10') returns the exact out-of-range error", () => {
    expect(validateEpochValues('0,10')).toEqual({ ok: false, error: 'Epoch out of range (1-500): 0' });
  });

  it.each([
    [validateBatchSizes, '0', 'Batch size out of range (1-200): 0'],
    [validateHiddenDims, '4', 'Hidden dim out of range (8-500): 4'],
    [validateNumHiddenLayers, '0', 'Hidden layers out of range (1-15): 0'],
    [validateDropouts, '1', 'Dropout out of range (0-0.9): 1'],
    [validateTestSizes, '1', 'Test size out of range (exclusive 0-1): 1'],
    [validateTestSizes, '0', 'Test size out of range (exclusive 0-1): 0'],
    [validateLearningRates, '0', 'Learning rate out of range (above 0 up to 1): 0'],
    [validateLearningRates, '1.5', 'Learning rate out of range (above 0 up to 1): 1.5'],
  ])('names the field, the bounds and the value (%#)', (validate, text, error) => {
    expect(validate(text)).toEqual({ ok: false, error });
  });

  it('accepts whitespace around items and returns numbers in input order', () => {
    expect(validateEpochValues(' 10, 20 ,50 ')).toEqual({ ok: true, values: [10, 20, 50] });
    expect(validateLearningRates('0.01,\t.001 ')).toEqual({ ok: true, values: [0.01, 0.001] });
  });

  it.each([
    'abc',
    '10abc',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '1e',
    'e3',
    '1 0',
    '10.0.1',
    '+',
    '.',
  ])('rejects %j as not a number', (text) => {
    expect(validateEpochValues(text)).toEqual({ ok: false, error: `Epoch is not a number: ${text}` });
  });

  it('accepts scientific notation where the value is a finite decimal, checked like any other', () => {
    expect(validateLearningRates('1e-3, 5E-4, 1e-2')).toEqual({ ok: true, values: [0.001, 0.0005, 0.01] });
    expect(validateEpochValues('1e2')).toEqual({ ok: true, values: [100] });
    expect(validateEpochValues('1e3')).toEqual({ ok: false, error: 'Epoch out of range (1-500): 1e3' });
    expect(validateEpochValues('2.5e0')).toEqual({ ok: false, error: 'Epoch must be a whole number: 2.5e0' });
  });

  it('rejects empty input and empty items', () => {
    expect(validateEpochValues('')).toEqual({ ok: false, error: 'Epoch values are empty' });
    expect(validateBatchSizes('  ')).toEqual({ ok: false, error: 'Batch size values are empty' });
    expect(validateEpochValues('1,,2')).toEqual({
      ok: false,
      error: 'Epoch values have an empty item at position 2',
    });
    expect(validateEpochValues('1,2,')).toEqual({
      ok: false,
      error: 'Epoch values have an empty item at position 3',
    });
  });

  it('rejects fractions for integer fields but accepts a whole number written with a point', () => {
    expect(validateEpochValues('2.5')).toEqual({ ok: false, error: 'Epoch must be a whole number: 2.5' });
    expect(validateNumHiddenLayers('1, 1.5')).toEqual({
      ok: false,
      error: 'Hidden layers must be a whole number: 1.5',
    });
    expect(validateBatchSizes('32.0')).toEqual({ ok: true, values: [32] });
  });

  it('reports the first offending item in input order', () => {
    expect(validateEpochValues('10, abc, 0')).toEqual({ ok: false, error: 'Epoch is not a number: abc' });
    expect(validateEpochValues('10, 0, abc')).toEqual({ ok: false, error: 'Epoch out of range (1-500): 0' });
    expect(validateDropouts('0.1, 0.95, -1')).toEqual({
      ok: false,
      error: 'Dropout out of range (0-0.9): 0.95',
    });
  });

  it('keeps a repeated value once, at its first occurrence', () => {
    expect(validateEpochValues('20, 10, 20, 10.0')).toEqual({ ok: true, values: [20, 10] });
    expect(validateDropouts('0, -0, 0.5')).toEqual({ ok: true, values: [0, 0.5] });
  });
});

describe('DR-002 bounds (property-based, all seven validators)', () => {
  describe.each(VALIDATORS)('%s', (_name, validate, rule) => {
    it('accepts every inclusive boundary and rejects every exclusive one', () => {
      for (const [bound, exclusive] of [
        [rule.min, rule.minExclusive],
        [rule.max, rule.maxExclusive],
      ] as const) {
        const text = toPlainDecimal(bound);
        const expected = exclusive
          ? { ok: false, error: outOfRange(rule, text) }
          : { ok: true, values: [bound] };
        expect(validate(text)).toEqual(expected);
      }
    });

    it('rejects the nearest outside neighbour of each bound with the range message', () => {
      const step = (bound: number, dir: 1 | -1) => (rule.integer ? bound + dir : nextAfter(bound, dir));
      const below = rule.minExclusive ? rule.min : step(rule.min, -1);
      const above = rule.maxExclusive ? rule.max : step(rule.max, 1);
      for (const outside of [below, above]) {
        const text = toPlainDecimal(outside);
        expect(validate(text)).toEqual({ ok: false, error: outOfRange(rule, text) });
      }
      if (!rule.integer) {
        // The nearest inside neighbour of an exclusive bound is accepted.
        for (const inside of [nextAfter(rule.min, 1), nextAfter(rule.max, -1)]) {
          expect(validate(toPlainDecimal(inside))).toMatchObject({ ok: true });
        }
      }
    });

    it('accepts any value inside the bounds', () => {
      const inside = rule.integer
        ? fc.integer({ min: rule.min, max: rule.max })
        : fc.double({
            min: rule.min,
            max: rule.max,
            minExcluded: rule.minExclusive,
            maxExcluded: rule.maxExclusive,
            noNaN: true,
          });
      fc.assert(
        fc.property(inside, (value) => {
          const result = validate(toPlainDecimal(value));
          expect(result).toEqual({ ok: true, values: [Object.is(value, -0) ? 0 : value] });
        }),
      );
    });

    it('rejects any value outside the bounds with the range message', () => {
      const outside = rule.integer
        ? fc.oneof(fc.integer({ max: rule.min - 1 }), fc.integer({ min: rule.max + 1 }))
        : fc
            .oneof(
              fc.double({
                max: rule.min,
                maxExcluded: !rule.minExclusive,
                noNaN: true,
                noDefaultInfinity: true,
              }),
              fc.double({
                min: rule.max,
                minExcluded: !rule.maxExclusive,
                noNaN: true,
                noDefaultInfinity: true,
              }),
              // fast-check treats -0 as below 0, but it is the number 0.
            )
            .filter((value) => !Object.is(value, -0));
      fc.assert(
        fc.property(outside, (value) => {
          const text = toPlainDecimal(value);
          expect(validate(text)).toEqual({ ok: false, error: outOfRange(rule, text) });
        }),
      );
    });
  });

  it('keeps every distinct value of a valid list once, in first-occurrence order', () => {
    const item = fc.tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom('', ' ', '  ', '\t'));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), (items) => {
        const text = items.map(([v, pad]) => `${pad}${v}${pad}`).join(',');
        expect(validateEpochValues(text)).toEqual({ ok: true, values: [...new Set(items.map(([v]) => v))] });
      }),
    );
  });
});

describe('validateSeed', () => {
  it('reads empty as the default seed and names a bad one', () => {
    expect(validateSeed(' ')).toEqual({ ok: true, value: undefined });
    expect(validateSeed('7')).toEqual({ ok: true, value: 7 });
    expect(validateSeed('1.5')).toEqual({ ok: false, error: 'Seed must be a whole number: 1.5' });
    expect(validateSeed('abc')).toEqual({ ok: false, error: 'Seed is not a number: abc' });
  });
});
