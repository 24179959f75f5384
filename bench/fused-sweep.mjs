#!/usr/bin/env node
// Fused sweeps (issue 16) and shared epoch prefixes (issue 11), end to end through the studio (the
// sweep service, the core orchestrator, the persisting api with a stored row and a model file per
// combination, the trainers' local api), one slot, both engines, side by side with `fused: false`:
//   - a 16-combination iris sweep, 4 learning rates × 4 hidden dims, 50 epochs: fused ÷ one at a time
//     (target ≤ 0.2);
//   - epochs 10,20,50 × 4 batch sizes (no two fuse): shared prefixes ÷ separate (target ≤ 0.66, ideal 0.625).
//
//   node bench/fused-sweep.mjs [--repeats 1]   (build first: npm run build)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createStudio } from '../packages/server/dist/index.js';
import { runSweep } from './server/sweepBench.mjs';
import { median } from './trainers/benchArgs.mjs';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '1' } } });
const repeats = Number(values.repeats);

const grid16 = (framework) => ({
  framework,
  datasetId: 'iris',
  epochValues: '50',
  batchSizes: '16',
  learningRates: '0.001,0.005,0.01,0.05',
  testSizes: '0.2',
  hiddenDims: '16,32,48,64',
  numHiddenLayers: '2',
  dropouts: '0.1',
  seed: 42,
  concurrency: 1,
});

const prefixGrid = (framework) => ({
  ...grid16(framework),
  epochValues: '10,20,50',
  batchSizes: '8,16,24,32',
  learningRates: '0.01',
  hiddenDims: '32',
});

const home = mkdtempSync(join(tmpdir(), 'trainyard-bench-fused-'));
const studio = await createStudio({
  home,
  concurrency: 1,
  queue: null,
  onError: (err) => console.error(err),
});
const n = (x, d = 2) => x.toFixed(d);

/** Median wall times of the sweep fused (default) and with `fused: false`, alternating. */
async function sideBySide(fields) {
  const fused = [];
  const alone = [];
  for (let r = 0; r < repeats; r++) {
    fused.push((await runSweep(studio, fields)).wallMs);
    alone.push((await runSweep(studio, { ...fields, fused: false })).wallMs);
  }
  return { fused: median(fused), alone: median(alone) };
}

try {
  for (const framework of ['pytorch', 'tensorflow']) {
    // Warm the engine (a python process or a TF.js thread) on both paths, so the figures are a running studio's.
    await runSweep(studio, { ...grid16(framework), epochValues: '1', learningRates: '0.01,0.05' });
    await runSweep(studio, { ...grid16(framework), epochValues: '1', learningRates: '0.01', fused: false });
    const f = await sideBySide(grid16(framework));
    const p = await sideBySide(prefixGrid(framework));
    console.log(
      `${framework}, iris through the studio, one slot, median of ${repeats}:\n` +
        `  16 combinations (4 lr × 4 hidden dims, 50 epochs): fused ÷ one at a time ${n(f.fused / f.alone)} ` +
        `(${n(f.fused, 0)} vs ${n(f.alone, 0)} ms) — target ≤ 0.2\n` +
        `  epochs 10,20,50 × 4 batch sizes: shared prefixes ÷ separate ${n(p.fused / p.alone)} ` +
        `(${n(p.fused, 0)} vs ${n(p.alone, 0)} ms) — target ≤ 0.66, ideal 0.625`,
    );
  }
} finally {
  await studio.close();
  rmSync(home, { recursive: true, force: true });
}
