import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_RULES } from '../fieldRules.js';
import { parseParamDomain, parseParamRange } from './paramRange.js';

const range = (low: number, high: number, log = false, integer = false) => ({
  ok: true,
  domain: { kind: 'range', low, high, log, integer },
});

describe('parseParamRange', () => {
  it('reads low..high with an optional log, integers for integer fields', () => {
    expect(parseParamRange('0.0001..0.1 log', FIELD_RULES.learningRate)).toEqual(range(0.0001, 0.1, true));
    expect(parseParamRange('16..256', FIELD_RULES.hiddenDim)).toEqual(range(16, 256, false, true));
    expect(parseParamRange(' 16 .. 256  log ', FIELD_RULES.hiddenDim)).toEqual(range(16, 256, true, true));
    expect(parseParamRange('0..0.5', FIELD_RULES.dropout)).toEqual(range(0, 0.5));
  });

  it.each([
    [
      '..0.1',
      FIELD_RULES.learningRate,
      'Learning rate range must look like "low..high" or "low..high log": ..0.1',
    ],
    [
      '0.1..',
      FIELD_RULES.learningRate,
      'Learning rate range must look like "low..high" or "low..high log": 0.1..',
    ],
    ['1..2..3', FIELD_RULES.epochs, 'Epoch range must look like "low..high" or "low..high log": 1..2..3'],
    [
      '1..5 log x',
      FIELD_RULES.epochs,
      'Epoch range must look like "low..high" or "low..high log": 1..5 log x',
    ],
    ['1..5 linear', FIELD_RULES.epochs, 'Epoch range option must be "log": 1..5 linear'],
    ['abc..5', FIELD_RULES.epochs, 'Epoch is not a number: abc'],
    ['1..1e999', FIELD_RULES.epochs, 'Epoch is not a number: 1e999'],
    // Scientific notation is a number (issue 13): 1e3 is checked against the bounds like 1000.
    ['1..1e3', FIELD_RULES.epochs, 'Epoch out of range (1-500): 1e3'],
    ['0..10', FIELD_RULES.epochs, 'Epoch out of range (1-500): 0'],
    ['0.0001..2 log', FIELD_RULES.learningRate, 'Learning rate out of range (above 0 up to 1): 2'],
    ['16.5..64', FIELD_RULES.hiddenDim, 'Hidden dim must be a whole number: 16.5'],
    ['256..16', FIELD_RULES.hiddenDim, 'Hidden dim range must go from low to high: 256..16'],
    ['32..32', FIELD_RULES.hiddenDim, 'Hidden dim range must go from low to high: 32..32'],
    ['0..0.5 log', FIELD_RULES.dropout, 'Dropout log range needs a low end above 0: 0..0.5 log'],
  ])('refuses %j with a message naming the field and the value', (text, rule, error) => {
    expect(parseParamRange(text, rule)).toEqual({ ok: false, error });
  });
});

describe('parseParamRange properties', () => {
  it('accepts exactly the ordered pairs of in-bounds whole numbers for an integer field', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 600 }),
        fc.integer({ min: -10, max: 600 }),
        fc.boolean(),
        (a, b, log) => {
          const parsed = parseParamRange(`${a}..${b}${log ? ' log' : ''}`, FIELD_RULES.hiddenDim);
          const fine = a >= 8 && b <= 500 && a < b;
          expect(parsed.ok).toBe(fine);
          if (parsed.ok)
            expect(parsed.domain).toEqual({ kind: 'range', low: a, high: b, log, integer: true });
        },
      ),
    );
  });
});

describe('parseParamDomain', () => {
  it('reads a list exactly as parseNumberList does, and a range when it has two dots', () => {
    expect(parseParamDomain('10, 20,10', FIELD_RULES.epochs)).toEqual({
      ok: true,
      domain: { kind: 'list', values: [10, 20] },
    });
    expect(parseParamDomain('0,10', FIELD_RULES.epochs)).toEqual({
      ok: false,
      error: 'Epoch out of range (1-500): 0',
    });
    expect(parseParamDomain('10..50', FIELD_RULES.epochs)).toEqual(range(10, 50, false, true));
  });

  it('refuses a list mixed with a range', () => {
    expect(parseParamDomain('0.1, 0.2..0.5', FIELD_RULES.dropout)).toEqual({
      ok: false,
      error: 'Dropout takes a list or one range, not both: 0.1, 0.2..0.5',
    });
  });
});
