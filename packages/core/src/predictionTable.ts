import type { PredictionResult } from './studioTypes.js';

/**
 * Predictions as a table, one row per input row in its order: `prediction`, then for a classifier
 * one `probability_<label>` column per label. The CLI's and the studio's CSV downloads both use it.
 * @example predictionTable(result) // { fields: ['prediction', 'probability_no', …], rows: [['yes', 0.2, …]] }
 */
export function predictionTable(result: PredictionResult): {
  fields: string[];
  rows: Array<Array<string | number>>;
} {
  const labels = result.labels ?? [];
  return {
    fields: ['prediction', ...labels.map((label) => `probability_${label}`)],
    rows: result.predictions.map((p, r) => [p, ...(result.probabilities?.[r] ?? [])]),
  };
}
