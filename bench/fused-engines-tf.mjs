// Fused groups on the TensorFlow engine (issue 16). Runs the BUILT engine (npm run build first).
//
//   node bench/fused-engines-tf.mjs                  # iris 16, digits 36, 50,000 × 20 crossover
//   node bench/fused-engines-tf.mjs --big-rows 5000  # a quicker crossover
//
// Side by side in one run, one engine slot (one worker thread): the same combinations trained one
// at a time (engine.train each) and as one fused group (engine.trainGroup), model files included.
// Prints fused ÷ one-at-a-time and the samples/s summed over the group next to the single-model
// figure (training rows × epochs ÷ time), and the CPU-time ratio (this process, worker included).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs } from './trainers/benchArgs.mjs';

const dist = new URL('../packages/trainers/dist/', import.meta.url);
const DEFAULTS = {
  irisEpochs: 50,
  digitsEpochs: 20,
  bigRows: 50_000,
  bigEpochs: 1,
  bigSizes: '2,4',
  widths: '16,32,64',
};
const o = { ...DEFAULTS, ...parseBenchArgs(process.argv.slice(2), DEFAULTS) };

const [{ createTensorflowEngine }, { builtinData, syntheticData }] = await Promise.all(
  ['tensorflow/index.js', 'tensorflow/testData.js'].map((p) => import(new URL(p, dist).href)),
);
const root = mkdtempSync(join(tmpdir(), 'fused-bench-'));
let dirs = 0;
const dir = () => {
  const d = join(root, `m${++dirs}`);
  mkdirSync(d);
  return d;
};
/** CPU seconds of this process, worker threads included: steadier than wall time on a shared machine. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const engine = createTensorflowEngine({ slots: 1, log: () => {} });

/**
 * Seconds for the combinations one at a time, then fused in groups (`groupBy` keys them; default
 * one group); checks the groups' answers.
 */
async function compare(data, combos, groupBy = () => 0) {
  // Warm the thread and both code paths (the first group otherwise pays for compiling the fused loop).
  const warm = combos.slice(0, 2).map((p) => ({ ...p, epochs: 1 }));
  await engine.train({ data, params: warm[0], modelDir: dir() });
  await engine.trainGroup({ data, members: warm.map((params) => ({ params, modelDir: dir() })) });
  let t0 = performance.now();
  let c0 = cpuSeconds();
  for (const params of combos) await engine.train({ data, params, modelDir: dir() });
  const separate = (performance.now() - t0) / 1000;
  const separateCpu = cpuSeconds() - c0;
  const groups = new Map();
  for (const p of combos) groups.set(groupBy(p), [...(groups.get(groupBy(p)) ?? []), p]);
  t0 = performance.now();
  c0 = cpuSeconds();
  for (const group of groups.values()) {
    const outcomes = await engine.trainGroup({
      data,
      members: group.map((params) => ({ params, modelDir: dir() })),
    });
    const failed = outcomes.filter((x) => !x.ok).length;
    if (failed) throw new Error(`${failed} fused members failed`);
  }
  const fused = (performance.now() - t0) / 1000;
  const cpuRatio = (cpuSeconds() - c0) / separateCpu;
  const samples = combos.reduce((sum, p) => sum + data.nTrain * p.epochs, 0);
  return { separate, fused, ratio: fused / separate, cpuRatio, samples };
}

function report(name, r, n) {
  console.log(
    `${name}: ${n} models one at a time ${r.separate.toFixed(2)} s, fused ${r.fused.toFixed(2)} s → fused ÷ one-at-a-time ${r.ratio.toFixed(3)} (${(1 / r.ratio).toFixed(1)}×), CPU time ${r.cpuRatio.toFixed(3)}`,
  );
  console.log(
    `  samples/s summed over the group: fused ${Math.round(r.samples / r.fused)}, one at a time ${Math.round(r.samples / r.separate)} (single-model TF figure)`,
  );
}

const grid = (base, axes) =>
  Object.entries(axes).reduce(
    (combos, [key, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))),
    [base],
  );

try {
  const mlp = { batchSize: 16, numHiddenLayers: 2, dropout: 0, seed: 1 };
  const iris = await builtinData('iris');
  const irisCombos = grid(
    { ...mlp, epochs: o.irisEpochs },
    { learningRate: [0.001, 0.003, 0.01, 0.03], hiddenDim: [8, 16, 32, 64] },
  );
  report(
    `iris (${o.irisEpochs} epochs, batch 16, 2 hidden layers), one group`,
    await compare(iris, irisCombos),
    16,
  );
  report(
    'iris, the same 16 as 4 groups of one hidden dim each (no padding)',
    await compare(iris, irisCombos, (p) => p.hiddenDim),
    16,
  );

  for (const hiddenDim of String(o.widths).split(',').map(Number)) {
    const combos = grid({ ...mlp, epochs: 20, hiddenDim }, { learningRate: [0.001, 0.003, 0.01, 0.03] });
    report(`iris, 4 models of 2×${hiddenDim}, 20 epochs`, await compare(iris, combos), 4);
  }

  const digits = await builtinData('digits');
  const digitsCombos = grid(
    { ...mlp, batchSize: 32, epochs: o.digitsEpochs },
    { learningRate: [0.001, 0.003, 0.01, 0.03], hiddenDim: [16, 32, 64], dropout: [0, 0.1, 0.2] },
  );
  report(`digits (${o.digitsEpochs} epochs, batch 32)`, await compare(digits, digitsCombos), 36);

  const big = syntheticData({ task: 'classification', rows: o.bigRows, features: 20, classes: 2 });
  for (const hiddenDim of [32, 128]) {
    // Fusing pays while per-operation overhead dominates; 2×128 on 50,000 rows is compute-bound.
    for (const size of String(o.bigSizes).split(',').map(Number)) {
      const combos = grid(
        { ...mlp, batchSize: 64, hiddenDim, epochs: o.bigEpochs, dropout: 0.1 },
        { learningRate: Array.from({ length: size }, (_, i) => 0.001 * (i + 1)) },
      );
      report(
        `${o.bigRows} × 20, 2×${hiddenDim}, batch 64, group of ${size}`,
        await compare(big, combos),
        size,
      );
    }
  }
} finally {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
}
