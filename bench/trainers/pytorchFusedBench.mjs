// Fused sweeps on the PyTorch engine (issue 16). Runs the BUILT engine (npm run build first), one
// slot, one thread, separate and fused side by side in one run:
//
//   node bench/trainers/pytorchFusedBench.mjs                      # iris, digits and the 50,000 × 20 crossover
//   node bench/trainers/pytorchFusedBench.mjs --big-rows 5000      # a quick look
//   node bench/trainers/pytorchFusedBench.mjs --sweeps iris --big-groups none   # the 16-iris sweep alone
//
// - iris: 16 combinations (4 learning rates × 4 hidden dims, 50 epochs, batch 16); digits: 36 (3 × 4 × 3
//   dropouts, 20 epochs, batch 32); iris again with one hidden width (4 learning rates × 4 dropouts),
//   since the engine stacks each width separately. Wall time of engine.train once per combination
//   ÷ engine.trainGroup of them all (split by fusedGroups), model files included; the largest metric
//   gap between the two; samples/s summed over the group next to pytorch_plain_loop.py training one
//   model of the sweep.
// - 50,000 × 20, 2×128, batch 64: a group of k ÷ k separate runs for growing k (where fusing stops paying).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, parseBenchArgs } from './benchArgs.mjs';
import { runPlainLoop, writeArrays } from './pytorchBench.mjs';

const dist = new URL('../../packages/trainers/dist/', import.meta.url);

const DEFAULTS = {
  bigRows: 50_000,
  bigEpochs: 1,
  bigGroups: '1,2,4,8,16',
  /** Which sweeps: iris (lr × hidden), iris-width (lr × dropout, one hidden width), digits. */
  sweeps: 'iris,iris-width,digits',
  /** Alternating separate and fused this many times, medians reported (the machine may be shared). */
  repeats: 2,
  python: process.env.TRAINYARD_PYTHON ?? '/usr/bin/python3',
};

async function load() {
  const [pytorch, prep, builtin, synthetic] = await Promise.all([
    import(new URL('pytorch/index.js', dist).href),
    import(new URL('preprocessing/prepareData.js', dist).href),
    import(new URL('datasets/builtinDatasets.js', dist).href),
    import(new URL('datasets/synthetic.js', dist).href),
  ]);
  return { ...pytorch, ...prep, ...builtin, synthetic };
}

async function builtinData(lib, id) {
  const entry = lib.readBuiltinManifest().find((e) => e.id === id);
  const { table } = await lib.loadBuiltin(entry);
  return lib.prepareData(table, { testSize: 0.2, seed: 42 });
}

const grid = (base, axes) =>
  Object.entries(axes).reduce(
    (combos, [key, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))),
    [{ ...base }],
  );

/** Separate then fused on the same combinations; returns ms, the group sizes used and the largest metric gap. */
async function sweepOnce(lib, engine, work, data, combos) {
  const t0 = performance.now();
  const separate = [];
  for (const params of combos)
    separate.push(await engine.train({ data, params, modelDir: mkdtempSync(join(work, 's-')) }));
  const separateMs = performance.now() - t0;
  const groups = lib.fusedGroups(data, combos);
  const t1 = performance.now();
  const fused = [];
  for (const group of groups) {
    const members = group.map((i) => ({ params: combos[i], modelDir: mkdtempSync(join(work, 'f-')) }));
    const outcomes = await engine.trainGroup({ data, members });
    group.forEach((i, k) => {
      fused[i] = outcomes[k];
    });
  }
  const fusedMs = performance.now() - t1;
  const gap = Math.max(
    ...fused.map((o, i) => {
      if (!o.ok) throw o.error;
      const s = separate[i];
      return Math.max(
        Math.abs(o.result.metric_score - s.metric_score),
        Math.abs(o.result.train_loss - s.train_loss),
        Math.abs(o.result.test_loss - s.test_loss),
      );
    }),
  );
  return { separateMs, fusedMs, groupSizes: groups.map((g) => g.length).join('+'), gap };
}

async function sweep(lib, engine, work, data, combos, repeats) {
  const runs = [];
  for (let r = 0; r < repeats; r++) runs.push(await sweepOnce(lib, engine, work, data, combos));
  return {
    separateMs: median(runs.map((r) => r.separateMs)),
    fusedMs: median(runs.map((r) => r.fusedMs)),
    groupSizes: runs[0].groupSizes,
    gap: Math.max(...runs.map((r) => r.gap)),
  };
}

/** pytorch_plain_loop.py training one model of the sweep (its own timing, import excluded). */
function plainSamplesPerSec(o, work, data, params) {
  const dir = join(work, `plain-${params.hiddenDim}-${data.nTrain}`);
  mkdirSync(dir, { recursive: true });
  writeArrays(dir, data, {
    n_features: data.nFeatures,
    n_classes: data.nClasses,
    epochs: params.epochs,
    batch_size: params.batchSize,
    learning_rate: params.learningRate,
    hidden_dim: params.hiddenDim,
    num_hidden_layers: params.numHiddenLayers,
    dropout: params.dropout,
    seed: params.seed,
    threads: 1,
  });
  const plain = runPlainLoop(o.python, dir, 1);
  return (data.nTrain * params.epochs) / plain.seconds;
}

export async function runPytorchFusedBench(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const lib = await load();
  const work = mkdtempSync(join(tmpdir(), 'trainyard-bench-fused-'));
  const engine = lib.createPytorchEngine({ python: o.python, slots: 1, threadsPerSlot: 1 });
  try {
    const status = await engine.status();
    if (!status.available) throw new Error(status.message);
    const base = { batchSize: 16, numHiddenLayers: 2, dropout: 0.1, seed: 42 };
    const iris = await builtinData(lib, 'iris');
    // Warm-up: `import torch` is paid once per slot, not per run.
    await engine.train({
      data: iris,
      params: { ...base, epochs: 1, learningRate: 0.01, hiddenDim: 8 },
      modelDir: mkdtempSync(join(work, 'w-')),
    });
    const sweeps = [];
    const wanted = new Set(String(o.sweeps).split(','));
    for (const [, id, axes, extra] of [
      [
        'iris',
        'iris',
        { learningRate: [0.001, 0.003, 0.01, 0.03], hiddenDim: [8, 16, 32, 64] },
        { epochs: 50 },
      ],
      [
        'iris-width',
        'iris',
        { learningRate: [0.001, 0.003, 0.01, 0.03], dropout: [0, 0.1, 0.2, 0.3] },
        { epochs: 50, hiddenDim: 32 },
      ],
      [
        'digits',
        'digits',
        { learningRate: [0.001, 0.003, 0.01], hiddenDim: [16, 32, 64, 128], dropout: [0, 0.1, 0.2] },
        { epochs: 20, batchSize: 32 },
      ],
    ].filter(([name]) => wanted.has(name))) {
      const data = id === 'iris' ? iris : await builtinData(lib, id);
      const combos = grid({ ...base, ...extra }, axes);
      const figures = await sweep(lib, engine, work, data, combos, o.repeats);
      const samples = combos.length * data.nTrain * combos[0].epochs;
      const middle = combos[Math.floor(combos.length / 2)];
      sweeps.push({
        id: `${id} (${Object.keys(axes).join(' × ')})`,
        combinations: combos.length,
        ...figures,
        ratio: figures.fusedMs / figures.separateMs,
        fusedSamplesPerSec: samples / (figures.fusedMs / 1000),
        separateSamplesPerSec: samples / (figures.separateMs / 1000),
        plainSamplesPerSec: plainSamplesPerSec(o, work, data, middle),
        plainHidden: middle.hiddenDim,
      });
    }
    if (o.bigGroups === 'none') return { options: o, status, sweeps, big: null };
    const synth = lib.synthetic.parseSyntheticId(`synthetic-clf-${o.bigRows}x20`);
    const big = lib.prepareData(lib.synthetic.syntheticTable(synth), { testSize: 0.2, seed: 42 });
    const bigParams = { ...base, batchSize: 64, hiddenDim: 128, epochs: o.bigEpochs, learningRate: 0.001 };
    const crossover = [];
    const ones = [];
    for (const k of String(o.bigGroups).split(',').map(Number)) {
      const ratios = [];
      const fusedMs = [];
      for (let r = 0; r < o.repeats; r++) {
        // One separate run right before each group: k separate runs cost k of them.
        const t0 = performance.now();
        await engine.train({ data: big, params: bigParams, modelDir: mkdtempSync(join(work, 'b-')) });
        const oneMs = performance.now() - t0;
        ones.push(oneMs);
        const members = Array.from({ length: k }, (_, i) => ({
          params: { ...bigParams, learningRate: 0.001 * (1 + i) },
          modelDir: mkdtempSync(join(work, 'g-')),
        }));
        const t1 = performance.now();
        await engine.trainGroup({ data: big, members });
        fusedMs.push(performance.now() - t1);
        ratios.push(fusedMs.at(-1) / (k * oneMs));
      }
      crossover.push({ k, fusedMs: median(fusedMs), ratio: median(ratios) });
    }
    const oneMs = median(ones);
    return {
      options: o,
      status,
      sweeps,
      big: {
        rows: big.nTrain,
        oneMs,
        crossover,
        chosen: lib.maxFusedGroupSize(big, bigParams),
        plainSamplesPerSec: plainSamplesPerSec(o, work, big, bigParams),
      },
    };
  } finally {
    await engine.close();
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatPytorchFusedBench(f) {
  const n = (x, d = 2) => x.toFixed(d);
  const lines = [
    `PyTorch fused sweeps (${f.status.message}), one slot, one thread, median of ${f.options.repeats}`,
  ];
  for (const s of f.sweeps) {
    lines.push(
      `  ${s.id}, ${s.combinations} combinations: fused ÷ one at a time ${n(s.ratio)} ` +
        `(${n(s.fusedMs, 0)} vs ${n(s.separateMs, 0)} ms, groups ${s.groupSizes} (fusedGroups), model files included) — target ≤ 0.2; ` +
        `largest metric gap ${s.gap.toExponential(1)}`,
      `    samples/s summed over the group ${n(s.fusedSamplesPerSec, 0)} (one at a time ${n(s.separateSamplesPerSec, 0)}); ` +
        `plain PyTorch loop, one model (hidden ${s.plainHidden}) ${n(s.plainSamplesPerSec, 0)}`,
    );
  }
  const b = f.big;
  if (!b) return lines;
  lines.push(
    `  ${b.rows} × 20, 2×128, batch 64, ${f.options.bigEpochs} epoch(s): one run ${n(b.oneMs, 0)} ms; ` +
      `plain loop ${n(b.plainSamplesPerSec, 0)} samples/s; maxFusedGroupSize picks ${b.chosen}`,
    ...b.crossover.map(
      (c) =>
        `    group of ${c.k}: ${n(c.fusedMs, 0)} ms, ÷ ${c.k} separate runs (${c.k} × the one run before it) ${n(c.ratio)}; ` +
        `samples/s summed ${n((c.k * b.rows * f.options.bigEpochs) / (c.fusedMs / 1000), 0)}`,
    ),
  );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await runPytorchFusedBench(parseBenchArgs(process.argv.slice(2), DEFAULTS));
  console.log(formatPytorchFusedBench(figures).join('\n'));
}
