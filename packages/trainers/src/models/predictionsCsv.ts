import { type PredictionResult, predictionTable } from '@trainyard/core';
import Papa from 'papaparse';

/**
 * Predictions as CSV text (core's predictionTable; papaparse quotes what needs quoting).
 * @example predictionsCsv(result) // 'prediction,probability_no,probability_yes\nyes,0.2,0.8\n'
 */
export function predictionsCsv(result: PredictionResult): string {
  const { fields, rows } = predictionTable(result);
  return `${Papa.unparse({ fields, data: rows }, { newline: '\n' })}\n`;
}
