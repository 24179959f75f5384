/**
 * A dataset held in memory column by column, as loaders produce it and prepareData consumes it.
 * Columnar typed arrays keep a 1,000,000-row table compact and make per-column scaling cheap.
 */

/** A feature column: numbers (NaN marks a missing cell) or category names (one-hot encoded later). */
export type FeatureColumn =
  | { name: string; kind: 'numeric'; values: Float64Array | Float32Array }
  | { name: string; kind: 'categorical'; values: string[] };

/** The target, already label-encoded for classification: `codes[i]` indexes `labels`. */
export type TargetColumn =
  | { task: 'classification'; labels: string[]; codes: Int32Array }
  | { task: 'regression'; values: Float64Array | Float32Array };

export interface DatasetTable {
  datasetId: string;
  targetColumn: string;
  rows: number;
  features: FeatureColumn[];
  target: TargetColumn;
}
