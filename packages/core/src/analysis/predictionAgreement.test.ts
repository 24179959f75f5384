import { describe, expect, it } from 'vitest';
import { predictionAgreement } from './predictionAgreement.js';

describe('predictionAgreement', () => {
  it('counts equal labels for classification', () => {
    expect(
      predictionAgreement(
        ['setosa', 'virginica', 'versicolor', 'setosa'],
        ['setosa', 'virginica', 'setosa', 'setosa'],
        'classification',
      ),
    ).toEqual({ kind: 'labels', value: 0.75, rows: 4 });
  });

  it('gives R² of the second model against the first for regression', () => {
    // a = [1, 2, 3], mean 2, SS_tot 2; b = [1, 2, 4]: SS_res 1 → R² = 1 − 1/2 = 0.5.
    expect(predictionAgreement([1, 2, 3], [1, 2, 4], 'regression')).toEqual({
      kind: 'r2',
      value: 0.5,
      rows: 3,
    });
  });

  it('refuses predictions of different rows', () => {
    expect(() => predictionAgreement([1], [1, 2], 'regression')).toThrow('same rows: 1 and 2 rows');
  });
});
