import { accuracy, r2Score } from '../scoreMetrics.js';
import type { TaskKind } from '../types.js';

/** How two models' predictions on the same rows agree. */
export interface PredictionAgreement {
  /** 'labels': share of rows with the same predicted label; 'r2': R² of `b` against `a`. */
  kind: 'labels' | 'r2';
  value: number;
  rows: number;
}

/**
 * How often two models predict the same thing on the same rows, as distillation reports it:
 * classification, the share of rows with the same label; regression, R² of `b`'s predictions
 * against `a`'s (1: identical). The predictions come from `POST /api/models/:id/predict` (the
 * studio client's `predict`) on the same rows, e.g. the test rows both engines split off with the
 * same seed and test size. Arrays of different lengths are a mistake and throw.
 *
 * @example predictionAgreement(['a', 'b', 'b'], ['a', 'b', 'a'], 'classification') // { kind: 'labels', value: 0.667, rows: 3 }
 */
export function predictionAgreement(
  a: ReadonlyArray<string | number>,
  b: ReadonlyArray<string | number>,
  task: TaskKind,
): PredictionAgreement {
  if (a.length !== b.length)
    throw new Error(
      `predictionAgreement needs predictions of the same rows: ${a.length} and ${b.length} rows`,
    );
  if (task === 'classification') return { kind: 'labels', value: accuracy(b, a), rows: a.length };
  return { kind: 'r2', value: r2Score(b.map(Number), a.map(Number)), rows: a.length };
}
