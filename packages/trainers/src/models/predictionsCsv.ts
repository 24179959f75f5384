import type { PredictionResult } from '@trainyard/core';
import Papa from 'papaparse';

/**
 * Predictions as CSV text, one line per input row in its order: `prediction`, then (classification)
 * one `probability_<label>` column per label. papaparse quotes what needs quoting.
 * @example predictionsCsv(result) // 'prediction,probability_no,probability_yes\r\nyes,0.2,0.8'
 */
export function predictionsCsv(result: PredictionResult): string {
  const labels = result.labels ?? [];
  const fields = ['prediction', ...labels.map((label) => `probability_${label}`)];
  const data = result.predictions.map((p, r) => [p, ...(result.probabilities?.[r] ?? [])]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
