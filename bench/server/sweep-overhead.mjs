#!/usr/bin/env node
// Sweep overhead (issues 3 and 9): a 16-combination iris sweep through the studio's real path — the
// sweep service's one call of the core orchestrator, the persisting api (a stored row per run,
// SQLite), the trainers' local api (split, scaling, model files) and the warm PyTorch slots —
// measured end to end against the trainer's own training times, on 1 slot and on 2.
//
//   node bench/server/sweep-overhead.mjs [--repeats 3]   (build first: npm run build)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createStudio } from '../../packages/server/dist/index.js';
import { median } from '../trainers/benchArgs.mjs';
import { irisGrid, runSweep } from './sweepBench.mjs';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
const repeats = Number(values.repeats);

const grid = irisGrid();

async function openStudio(slots) {
  const home = mkdtempSync(join(tmpdir(), `trainyard-bench-sweep-${slots}-`));
  const studio = await createStudio({ home, concurrency: slots, onError: (err) => console.error(err) });
  // Warm every slot (a python process each, `import torch` once) so the figure is a running studio's.
  await runSweep(studio, {
    ...grid,
    epochValues: '1',
    batchSizes: '16',
    learningRates: '0.01',
    hiddenDims: slots === 1 ? '32' : '32,64',
  });
  return { studio, home };
}

const one = await openStudio(1);
const two = await openStudio(2);
try {
  const oneSlot = [];
  const twoSlots = [];
  // Alternating contenders, same grid and seed.
  for (let r = 0; r < repeats; r++) {
    oneSlot.push(await runSweep(one.studio, grid));
    twoSlots.push(await runSweep(two.studio, grid));
  }
  const wall1 = median(oneSlot.map((s) => s.wallMs));
  const train1 = median(oneSlot.map((s) => s.trainingMs));
  const wall2 = median(twoSlots.map((s) => s.wallMs));
  const n = (x, d = 2) => x.toFixed(d);
  console.log(
    `iris sweep through the studio, 16 combinations, median of ${repeats}:\n` +
      `  end-to-end ÷ training ${n(wall1 / train1)}, overhead ${n((wall1 - train1) / 16, 1)} ms/combination (target ≤ 20)\n` +
      `  2 slots over 1: ×${n(wall1 / wall2)} (${n(wall1, 0)} → ${n(wall2, 0)} ms) — target ≥ 1.8`,
  );
} finally {
  for (const { studio, home } of [one, two]) {
    await studio.close();
    rmSync(home, { recursive: true, force: true });
  }
}
