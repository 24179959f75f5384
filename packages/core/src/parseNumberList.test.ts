import { describe, expect, it } from 'vitest';
import { FIELD_RULES } from './fieldRules.js';
import { MAX_LIST_VALUES, parseNumberList } from './parseNumberList.js';
import { MAX_SWEEP_COMBINATIONS } from './sweepCombinations.js';

const distinctRates = (n: number) =>
  Array.from({ length: n }, (_, i) => `0.${String(i + 1).padStart(6, '0')}`);

describe('parseNumberList', () => {
  it('refuses a list longer than MAX_LIST_VALUES naming the field, before parsing any value', () => {
    // 131,000 distinct rates fit under the 1 MiB body limit and took 5 s in the old duplicate check.
    const text = distinctRates(131_000).join(',');
    const started = performance.now();
    const result = parseNumberList(text, FIELD_RULES.learningRate);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result).toEqual({
      ok: false,
      error: `Learning rate values are too many: 131000 (at most ${MAX_LIST_VALUES} per list)`,
    });
    // The count is refused even when a later item is not a number: no per-value work first.
    expect(parseNumberList(`${'1,'.repeat(MAX_LIST_VALUES)}x`, FIELD_RULES.epochs)).toEqual({
      ok: false,
      error: `Epoch values are too many: ${MAX_LIST_VALUES + 1} (at most ${MAX_LIST_VALUES} per list)`,
    });
  });

  it('accepts a full list of distinct values and keeps the first occurrence of repeats, in order', () => {
    const rates = distinctRates(MAX_LIST_VALUES);
    const result = parseNumberList(rates.join(','), FIELD_RULES.learningRate);
    expect(result.ok && result.values.length).toBe(MAX_LIST_VALUES);
    expect(parseNumberList('30, 10,30,20,10', FIELD_RULES.epochs)).toEqual({
      ok: true,
      values: [30, 10, 20],
    });
    expect(MAX_LIST_VALUES).toBeLessThan(MAX_SWEEP_COMBINATIONS);
  });
});
