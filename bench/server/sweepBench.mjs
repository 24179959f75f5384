// What the sweep benchmarks share: the 16-combination iris grid and one timed sweep through a studio.

/** 2 epochs × 2 batch sizes × 2 learning rates × 2 hidden sizes, 2 layers, dropout 0.1, seed 42. */
export const irisGrid = (epochValues = '10,20') => ({
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues,
  batchSizes: '16,32',
  learningRates: '0.01,0.05',
  testSizes: '0.2',
  hiddenDims: '32,64',
  numHiddenLayers: '2',
  dropouts: '0.1',
  seed: 42,
  // One training per combination: this bench measures the per-combination overhead (bench/fused-sweep.mjs measures fusing).
  fused: false,
});

/** Wall time of one sweep (which must complete every combination) and the sum of its runs' own training times. */
export async function runSweep(studio, fields) {
  const t0 = performance.now();
  const created = await studio.sweeps.create(fields);
  const done = await studio.sweeps.whenDone(created.id);
  const wallMs = performance.now() - t0;
  const runs = await studio.sweeps.runs(created.id);
  if (done.status !== 'completed' || done.done !== created.total)
    throw new Error(`bench sweep ended ${done.status} with ${done.done}/${created.total} completed`);
  return { id: created.id, wallMs, trainingMs: runs.reduce((sum, r) => sum + (r.durationMs ?? 0), 0) };
}
