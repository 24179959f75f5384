import { describe, expect, it } from 'vitest';
import { isIgnoredByLinear, LINEAR_BASELINE_PARAMS } from './linearBaseline.js';

describe('isIgnoredByLinear', () => {
  it("flags exactly the fixed architecture fields of a linear baseline's run", () => {
    const fields = ['hiddenDim', 'numHiddenLayers', 'dropout', 'epochs', 'learningRate', 'toString'];
    expect(fields.filter((f) => isIgnoredByLinear({ mode: 'linear' }, f))).toEqual(
      Object.keys(LINEAR_BASELINE_PARAMS),
    );
    expect(fields.filter((f) => isIgnoredByLinear({ mode: 'mlp' }, f))).toEqual([]);
    expect(fields.filter((f) => isIgnoredByLinear({}, f))).toEqual([]);
  });
});
