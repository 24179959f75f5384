// TensorFlow part of the trainers benchmark (issue 3). Runs the BUILT engine (npm run build first).
//
//   import { runTensorflowBench, formatTensorflowBench } from './tensorflowBench.mjs';
//   const figures = await runTensorflowBench({ rows: 50_000, features: 20, epochs: 5, repeats: 3 });
//   console.log(formatTensorflowBench(figures).join('\n'));
//
// Standalone smoke run with tiny sizes: node bench/trainers/tensorflowBench.mjs --rows 2000 --epochs 1
//
// Measures, alternating the contenders run by run with the same seeds and taking medians:
// - engine ÷ stock: wall time of engine.train (warm worker thread, arrays transferred, model saved)
//   ÷ stock TF.js `model.fit` of the same tf.sequential MLP on the wasm backend in this thread;
// - the transpose trick alone: our training loop with explicit-transpose gradients ÷ the same loop
//   with TF.js's own (transpose-flag) gradients, in this thread;
// - wasm ÷ cpu: the engine on the wasm backend ÷ the engine on the pure-JS cpu backend;
// - samples/s of each (training rows × epochs / time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, parseBenchArgs } from './benchArgs.mjs';

const dist = new URL('../../packages/trainers/dist/', import.meta.url);

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
  /** Also time the pure-JS cpu backend (slow: about 3× the wasm time per run). */
  cpu: true,
};

async function load() {
  const mods = await Promise.all(
    [
      'tensorflow/index.js',
      'tensorflow/tfRuntime.js',
      'tensorflow/trainJob.js',
      'preprocessing/prepareData.js',
      'datasets/synthetic.js',
    ].map((p) => import(new URL(p, dist).href)),
  );
  const tf = await import('@tensorflow/tfjs');
  return Object.assign({ tf }, ...mods);
}

/** Stock TF.js: the same MLP as a tf.sequential, compiled with Adam, trained with model.fit. */
async function stockFit(lib, data, o) {
  const { tf } = lib;
  const model = tf.sequential();
  for (let i = 0; i < o.numHiddenLayers; i++) {
    model.add(
      tf.layers.dense({
        units: o.hiddenDim,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + i }),
        ...(i === 0 ? { inputShape: [data.nFeatures] } : {}),
      }),
    );
    if (o.dropout > 0) model.add(tf.layers.dropout({ rate: o.dropout, seed: o.seed }));
  }
  model.add(tf.layers.dense({ units: data.nClasses, activation: 'softmax' }));
  model.compile({
    optimizer: tf.train.adam(o.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const x = tf.tensor2d(data.xTrain, [data.nTrain, data.nFeatures]);
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(Int32Array.from(data.yTrain), 'int32'), data.nClasses).toFloat(),
  );
  const xTest = tf.tensor2d(data.xTest, [data.nTest, data.nFeatures]);
  try {
    const t0 = performance.now();
    await model.fit(x, y, { epochs: o.epochs, batchSize: o.batchSize, shuffle: true, verbose: 0 });
    const ms = performance.now() - t0;
    const predicted = tf.tidy(() => model.predict(xTest).argMax(1).dataSync());
    let hits = 0;
    for (let i = 0; i < data.nTest; i++) if (predicted[i] === data.yTest[i]) hits++;
    return { ms, accuracy: hits / data.nTest };
  } finally {
    tf.dispose([x, y, xTest]);
    model.dispose();
  }
}

async function timedEngineRun(engine, data, params, work) {
  const t0 = performance.now();
  const res = await engine.train({ data, params, modelDir: mkdtempSync(join(work, 'e-')) });
  return { ms: performance.now() - t0, workerMs: res.durationMs, accuracy: res.metric_score };
}

async function timedLoop(lib, data, params, path) {
  const t0 = performance.now();
  const res = await lib.runTrainJob({ data, params, path });
  return { ms: performance.now() - t0, accuracy: res.metric_score };
}

/**
 * Runs the TensorFlow benchmark and returns its figures (milliseconds, ratios, samples/s).
 * Keep sizes tiny on a shared machine; the defaults are the 50,000 × 20 set.
 */
export async function runTensorflowBench(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const lib = await load();
  const work = mkdtempSync(join(tmpdir(), 'trainyard-bench-tf-'));
  const spec = lib.parseSyntheticId(`synthetic-clf-${o.rows}x${o.features}`);
  const data = lib.prepareData(lib.syntheticTable(spec), { testSize: 0.2, seed: o.seed });
  const params = {
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    hiddenDim: o.hiddenDim,
    numHiddenLayers: o.numHiddenLayers,
    dropout: o.dropout,
    seed: o.seed,
  };
  await lib.initTensorflow('wasm'); // this thread: stock model.fit and the in-thread loops
  const wasmEngine = lib.createTensorflowEngine({ slots: 1, backend: 'wasm' });
  const cpuEngine = o.cpu ? lib.createTensorflowEngine({ slots: 1, backend: 'cpu' }) : undefined;
  const runs = { engine: [], stock: [], fastLoop: [], stockLoop: [], cpu: [] };
  try {
    const status = await wasmEngine.status();
    // Warm-up: worker start-up and first-call kernel set-up are paid once per slot, not per run.
    const warm = { ...params, epochs: 1 };
    await timedEngineRun(wasmEngine, data, warm, work);
    if (cpuEngine) await timedEngineRun(cpuEngine, data, warm, work);
    await stockFit(lib, data, { ...o, epochs: 1 });
    await timedLoop(lib, data, warm, 'fast');
    for (let r = 0; r < o.repeats; r++) {
      runs.engine.push(await timedEngineRun(wasmEngine, data, params, work));
      runs.stock.push(await stockFit(lib, data, o));
      runs.fastLoop.push(await timedLoop(lib, data, params, 'fast'));
      runs.stockLoop.push(await timedLoop(lib, data, params, 'stock'));
      if (cpuEngine) runs.cpu.push(await timedEngineRun(cpuEngine, data, params, work));
    }
    const samples = data.nTrain * o.epochs;
    const med = (k) => (runs[k].length ? median(runs[k].map((x) => x.ms)) : Number.NaN);
    const perSec = (k) => samples / (med(k) / 1000);
    return {
      options: o,
      status,
      workerMs: median(runs.engine.map((x) => x.workerMs)),
      ms: {
        engine: med('engine'),
        stock: med('stock'),
        fastLoop: med('fastLoop'),
        stockLoop: med('stockLoop'),
        cpu: med('cpu'),
      },
      engineOverStock: med('engine') / med('stock'),
      fastOverStockGradients: med('fastLoop') / med('stockLoop'),
      wasmOverCpu: med('engine') / med('cpu'),
      samplesPerSec: { engine: perSec('engine'), stock: perSec('stock'), cpu: perSec('cpu') },
      accuracy: { engine: runs.engine.at(-1).accuracy, stock: runs.stock.at(-1).accuracy },
    };
  } finally {
    await wasmEngine.close();
    await cpuEngine?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatTensorflowBench(f) {
  const o = f.options;
  const n = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  return [
    `TensorFlow (${f.status.message}), ${o.rows} × ${o.features}, ${o.hiddenDim}×${o.numHiddenLayers} MLP, ` +
      `batch ${o.batchSize}, ${o.epochs} epochs, median of ${o.repeats}`,
    `  engine ÷ stock model.fit (wasm): ${n(f.engineOverStock)} (engine ${n(f.ms.engine, 0)} ms wall, of which ` +
      `${n(f.workerMs, 0)} ms in the worker; ` +
      `stock ${n(f.ms.stock, 0)} ms) — target ≤ 0.5`,
    `  explicit-transpose gradients ÷ stock gradients, same loop: ${n(f.fastOverStockGradients)} ` +
      `(${n(f.ms.fastLoop, 0)} vs ${n(f.ms.stockLoop, 0)} ms)`,
    `  wasm ÷ cpu backend (engine): ${n(f.wasmOverCpu)} (cpu ${n(f.ms.cpu, 0)} ms)`,
    `  samples/s: engine ${n(f.samplesPerSec.engine, 0)}, stock ${n(f.samplesPerSec.stock, 0)}, ` +
      `engine on cpu ${n(f.samplesPerSec.cpu, 0)}; accuracy engine ${n(f.accuracy.engine, 3)}, stock ${n(f.accuracy.stock, 3)}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const opt = parseBenchArgs(process.argv.slice(2), DEFAULTS);
  const figures = await runTensorflowBench(opt);
  console.log(formatTensorflowBench(figures).join('\n'));
}
