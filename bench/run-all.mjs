// `make bench`: every benchmark, one after the other (each prints ratios measured side by side).
import { spawnSync } from 'node:child_process';

for (const script of [
  'bench/trainers/run.mjs',
  'bench/trainers/pytorchFusedBench.mjs',
  'bench/fused-engines-tf.mjs',
  'bench/trainers/tensorflowStackOfOne.mjs',
  'bench/server/sweep-overhead.mjs',
  'bench/fused-sweep.mjs',
  'bench/server/rows-load.mjs',
  'bench/search.mjs',
  'bench/server/distributed.mjs',
  'bench/predict.mjs',
  'bench/sweepAnalysis.mjs',
  'bench/web-analysis.mjs',
]) {
  console.log(`\n== ${script}`);
  const res = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (res.status !== 0) process.exitCode = 1;
}
