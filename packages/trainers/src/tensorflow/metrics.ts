/** Row-wise argmax of a row-major [rows, cols] matrix. */
export function argmaxRows(values: Float32Array | number[], cols: number): Int32Array {
  const rows = Math.floor(values.length / cols);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (values[r * cols + c]! > values[r * cols + best]!) best = c;
    out[r] = best;
  }
  return out;
}

// accuracy and r2Score live in core (the sweep analysis compares two models' predictions with them).
export { accuracy, r2Score } from '@trainyard/core';
