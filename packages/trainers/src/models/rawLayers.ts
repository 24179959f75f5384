/**
 * The layers that make a saved model take the raw feature columns and answer in the target's own
 * units. They are plain Dense layers (Linear → ReLU → Linear in front, a 1×1 Linear behind for
 * regression), built here once from metadata.json's preprocessing and given to both engines, so a
 * TF.js, TorchScript or ONNX loader runs them with no custom op.
 *
 * Raw input layout: one number per source feature column, in the training CSV's order. A numeric
 * column takes its value; a categorical column takes the index of its category in
 * `preprocessing.categorical[].categories` (any other number, e.g. -1, is an unknown category:
 * all its one-hot inputs are 0, as applyPreprocessing encodes it). A missing number must be given
 * as the training mean (`preprocessing.mean`), which is what applyPreprocessing substitutes.
 *
 * How it is exact: with d = x − mean, relu(d) − relu(−d) = d, so the front layer's ReLU passes a
 * numeric column through unchanged; for a category index c, relu(c−k+1) − 2·relu(c−k) +
 * relu(c−k−1) is 1 when c = k and 0 at every other integer, i.e. the one-hot input k.
 */
import type { PreprocessingMeta } from '../engine.js';

/** Row-major kernel [inDim, outDim] (the TF.js/Keras layout; torch's Linear.weight is its transpose). */
export interface DenseWeights {
  inDim: number;
  outDim: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** One raw input: a numeric column feeds model input `input`; a categorical one feeds `inputs` (one per category). */
export type RawColumn =
  | { name: string; kind: 'numeric'; input: number }
  | { name: string; kind: 'categorical'; categories: string[]; inputs: number[] };

export interface RawLayers {
  columns: RawColumn[];
  /** Raw columns → ReLU units (2 per numeric column, 3 per category). Followed by ReLU. */
  expand: DenseWeights;
  /** ReLU units → the model's standardised, one-hot inputs. Linear. */
  standardise: DenseWeights;
  /** Regression only: the standardised prediction → the target's own units. Linear. */
  targetUnits?: DenseWeights;
}

/**
 * The source feature columns, in training-CSV order, read back from the encoded input names: a
 * run of `column=category` inputs that spells a categorical column's categories is that column.
 * (A categorical column whose cells were all empty has no inputs and no raw column.)
 */
export function rawColumns(meta: PreprocessingMeta): RawColumn[] {
  const byFirst = new Map<string, { column: string; categories: string[] }>();
  for (const c of meta.categorical ?? []) {
    if (c.categories.length > 0) byFirst.set(`${c.column}=${c.categories[0]}`, c);
  }
  const columns: RawColumn[] = [];
  const names = meta.featureColumns;
  for (let j = 0; j < names.length; ) {
    const cat = byFirst.get(names[j]!);
    const spelled = cat?.categories.every((k, i) => names[j + i] === `${cat.column}=${k}`);
    if (cat && spelled) {
      const inputs = cat.categories.map((_, i) => j + i);
      columns.push({ name: cat.column, kind: 'categorical', categories: [...cat.categories], inputs });
      j += inputs.length;
    } else {
      columns.push({ name: names[j]!, kind: 'numeric', input: j });
      j += 1;
    }
  }
  return columns;
}

function zeros(inDim: number, outDim: number): DenseWeights {
  return { inDim, outDim, kernel: new Float32Array(inDim * outDim), bias: new Float32Array(outDim) };
}

/**
 * @example
 * const raw = rawLayers(metadata.preprocessing);
 * // model input = standardise(relu(expand(rawRow))); regression output = targetUnits(model output)
 */
export function rawLayers(meta: PreprocessingMeta): RawLayers {
  const columns = rawColumns(meta);
  const units = columns.reduce((n, c) => n + (c.kind === 'numeric' ? 2 : 3 * c.categories.length), 0);
  const nFeatures = meta.featureColumns.length;
  const expand = zeros(columns.length, units);
  const standardise = zeros(units, nFeatures);
  const link = (col: number, unit: number, weight: number, bias: number) => {
    expand.kernel[col * units + unit] = weight;
    expand.bias[unit] = bias;
  };
  let u = 0;
  columns.forEach((column, col) => {
    if (column.kind === 'numeric') {
      const j = column.input;
      link(col, u, 1, -meta.mean[j]!);
      link(col, u + 1, -1, meta.mean[j]!);
      standardise.kernel[u * nFeatures + j] = 1 / meta.std[j]!;
      standardise.kernel[(u + 1) * nFeatures + j] = -1 / meta.std[j]!;
      u += 2;
      return;
    }
    column.inputs.forEach((j, k) => {
      link(col, u, 1, 1 - k);
      link(col, u + 1, 1, -k);
      link(col, u + 2, 1, -k - 1);
      const s = meta.std[j]!;
      standardise.kernel[u * nFeatures + j] = 1 / s;
      standardise.kernel[(u + 1) * nFeatures + j] = -2 / s;
      standardise.kernel[(u + 2) * nFeatures + j] = 1 / s;
      standardise.bias[j] = -meta.mean[j]! / s;
      u += 3;
    });
  });
  const layers: RawLayers = { columns, expand, standardise };
  if (meta.task === 'regression') {
    layers.targetUnits = {
      inDim: 1,
      outDim: 1,
      kernel: Float32Array.of(meta.targetStd ?? 1),
      bias: Float32Array.of(meta.targetMean ?? 0),
    };
  }
  return layers;
}

/** y = x·W + b for `rows` row-major rows, optionally through ReLU (float64 accumulation; a reference for tests and servers). */
export function applyDense(
  layer: DenseWeights,
  x: ArrayLike<number>,
  rows: number,
  relu = false,
): Float32Array {
  const out = new Float32Array(rows * layer.outDim);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < layer.outDim; o++) {
      let sum = layer.bias[o]!;
      for (let i = 0; i < layer.inDim; i++)
        sum += x[r * layer.inDim + i]! * layer.kernel[i * layer.outDim + o]!;
      out[r * layer.outDim + o] = relu && sum < 0 ? 0 : sum;
    }
  }
  return out;
}

/** The model inputs the front layers make of raw rows: equals applyPreprocessing's encoding. */
export function applyRawFront(layers: RawLayers, raw: ArrayLike<number>, rows: number): Float32Array {
  return applyDense(layers.standardise, applyDense(layers.expand, raw, rows, true), rows);
}
