// PyTorch part of the trainers benchmark (issue 3). Runs the BUILT engine (npm run build first).
//
//   import { runPytorchBench, formatPytorchBench } from './pytorchBench.mjs';
//   const figures = await runPytorchBench({ rows: 50_000, features: 20, epochs: 5, repeats: 3 });
//   console.log(formatPytorchBench(figures).join('\n'));
//
// Standalone smoke run with tiny sizes: node bench/trainers/pytorchBench.mjs --rows 2000 --epochs 1
//
// Measures, alternating engine and baseline runs with the same seeds and taking medians:
// - engine ÷ plain loop: wall time of engine.train (warm process, arrays sent over stdin, TorchScript
//   saved) ÷ the training time of bench/trainers/pytorch_plain_loop.py on the same arrays;
// - samples/s of both (rows × epochs / time).
// The sweep figures (overhead per combination, 2 slots over 1) come from bench/server/sweep-overhead.mjs,
// which runs the studio's real path (orchestrator, store, engine).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, parseBenchArgs } from './benchArgs.mjs';

const dist = new URL('../../packages/trainers/dist/', import.meta.url);
const PLAIN_LOOP = fileURLToPath(new URL('./pytorch_plain_loop.py', import.meta.url));

const DEFAULTS = {
  rows: 50_000,
  features: 20,
  epochs: 5,
  batchSize: 64,
  hiddenDim: 128,
  numHiddenLayers: 2,
  dropout: 0.1,
  learningRate: 0.001,
  seed: 42,
  repeats: 3,
  /** Torch/BLAS threads for the engine-vs-plain runs; 1 is the engine's per-slot default (slots = cores). */
  threads: 1,
  python: process.env.TRAINYARD_PYTHON ?? '/usr/bin/python3',
};

async function load() {
  const [{ createPytorchEngine }, { prepareData }, synthetic] = await Promise.all([
    import(new URL('pytorch/index.js', dist).href),
    import(new URL('preprocessing/prepareData.js', dist).href),
    import(new URL('datasets/synthetic.js', dist).href),
  ]);
  return { createPytorchEngine, prepareData, synthetic };
}

/** The arrays and spec.json pytorch_plain_loop.py reads from `dir`. */
export function writeArrays(dir, data, spec) {
  for (const name of ['xTrain', 'yTrain', 'xTest', 'yTest']) {
    const file = name.replace(/[A-Z]/, (c) => `_${c.toLowerCase()}`);
    writeFileSync(join(dir, `${file}.f32`), data[name]);
  }
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
}

/** One run of the plain loop on the arrays in `dir`: {seconds, test_loss, accuracy}. */
export function runPlainLoop(python, dir, threads) {
  const out = execFileSync(python, [PLAIN_LOOP, dir], {
    encoding: 'utf8',
    env: {
      ...process.env,
      OMP_NUM_THREADS: String(threads),
      OPENBLAS_NUM_THREADS: String(threads),
      OMP_WAIT_POLICY: 'PASSIVE',
    },
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** Engine vs plain loop on one synthetic classification set; returns medians in ms. */
async function engineVsPlain(lib, o, work) {
  const synth = lib.synthetic.parseSyntheticId(`synthetic-clf-${o.rows}x${o.features}`);
  const data = lib.prepareData(lib.synthetic.syntheticTable(synth), { testSize: 0.2, seed: o.seed });
  const threads = o.threads;
  const params = {
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    hiddenDim: o.hiddenDim,
    numHiddenLayers: o.numHiddenLayers,
    dropout: o.dropout,
    seed: o.seed,
  };
  const arrays = join(work, 'arrays');
  mkdirSync(arrays);
  writeArrays(arrays, data, {
    n_features: data.nFeatures,
    n_classes: data.nClasses,
    epochs: o.epochs,
    batch_size: o.batchSize,
    learning_rate: o.learningRate,
    hidden_dim: o.hiddenDim,
    num_hidden_layers: o.numHiddenLayers,
    dropout: o.dropout,
    seed: o.seed,
    threads,
  });
  const engine = lib.createPytorchEngine({ python: o.python, slots: 1, threadsPerSlot: threads });
  const status = await engine.status();
  if (!status.available) throw new Error(status.message);
  const engineMs = [];
  const trainerMs = [];
  const plainMs = [];
  const scores = { engine: 0, plain: 0 };
  try {
    // Warm-up: the first run pays `import torch`, which a warm pool pays once per slot, not per run.
    await engine.train({ data, params: { ...params, epochs: 1 }, modelDir: mkdtempSync(join(work, 'w-')) });
    for (let r = 0; r < o.repeats; r++) {
      const t0 = performance.now();
      const res = await engine.train({ data, params, modelDir: mkdtempSync(join(work, 'e-')) });
      engineMs.push(performance.now() - t0);
      trainerMs.push(res.durationMs);
      scores.engine = res.metric_score;
      const plain = runPlainLoop(o.python, arrays, threads);
      plainMs.push(plain.seconds * 1000);
      scores.plain = plain.accuracy;
    }
  } finally {
    await engine.close();
  }
  const samples = o.rows * 0.8 * o.epochs;
  return {
    status,
    engineMs: median(engineMs),
    trainerMs: median(trainerMs),
    plainMs: median(plainMs),
    ratio: median(engineMs) / median(plainMs),
    engineSamplesPerSec: samples / (median(engineMs) / 1000),
    plainSamplesPerSec: samples / (median(plainMs) / 1000),
    scores,
  };
}

/**
 * Runs the PyTorch benchmark and returns its figures (milliseconds, ratios, samples/s).
 * Keep sizes tiny on a shared machine; the defaults are the 50,000 × 20 set.
 */
export async function runPytorchBench(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const lib = await load();
  const work = mkdtempSync(join(tmpdir(), 'trainyard-bench-pt-'));
  try {
    const main = await engineVsPlain(lib, o, work);
    return { options: o, ...main };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatPytorchBench(f) {
  const o = f.options;
  const n = (x, d = 2) => x.toFixed(d);
  const lines = [
    `PyTorch (${f.status.message}), ${o.rows} × ${o.features}, ${o.hiddenDim}×${o.numHiddenLayers} MLP, ` +
      `batch ${o.batchSize}, ${o.epochs} epochs, ${o.threads} thread(s), median of ${o.repeats}`,
    `  engine ÷ plain loop: ${n(f.ratio)} (engine ${n(f.engineMs, 0)} ms wall, of which trainer ${n(f.trainerMs, 0)} ms; ` +
      `plain ${n(f.plainMs, 0)} ms) — target ≤ 1.10`,
    `  samples/s: engine ${n(f.engineSamplesPerSec, 0)}, plain ${n(f.plainSamplesPerSec, 0)}; ` +
      `accuracy engine ${n(f.scores.engine, 3)}, plain ${n(f.scores.plain, 3)}`,
  ];
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const opt = parseBenchArgs(process.argv.slice(2), DEFAULTS);
  const figures = await runPytorchBench(opt);
  console.log(formatPytorchBench(figures).join('\n'));
}
