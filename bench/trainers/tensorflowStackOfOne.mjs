// A separate TF.js run as a stack of one (issue 16: the StackedMlp step its fused group runs, so
// separate and fused runs do the same arithmetic) ÷ the same run through the single loop (fitMlp,
// 2-D matMul), in this thread on the wasm backend, alternating run by run, medians. Runs the BUILT
// engine (npm run build first).
//
//   node bench/trainers/tensorflowStackOfOne.mjs [--repeats 5]
import { median, parseBenchArgs } from './benchArgs.mjs';

const dist = new URL('../../packages/trainers/dist/', import.meta.url);
const { repeats } = { repeats: 5, ...parseBenchArgs(process.argv.slice(2), { repeats: 5 }) };
const [{ initTensorflow }, { runTrainJob }, { builtinData, syntheticData }, { maxTensorflowGroupSize }] =
  await Promise.all(
    ['tfRuntime.js', 'trainJob.js', 'testData.js', 'fusedGroupSize.js'].map(
      (p) => import(new URL(`tensorflow/${p}`, dist).href),
    ),
  );
await initTensorflow('wasm');

const base = { epochs: 50, batchSize: 16, learningRate: 0.01, numHiddenLayers: 2, dropout: 0.1, seed: 42 };
const iris = await builtinData('iris');
const synth = syntheticData({ task: 'classification', rows: 2000, features: 20, classes: 3 });
const cases = [
  ['iris 2×16, batch 16, 50 epochs', iris, { ...base, hiddenDim: 16 }],
  ['iris 2×64, batch 16, 50 epochs', iris, { ...base, hiddenDim: 64 }],
  ['2000×20 2×32, batch 64, 5 epochs', synth, { ...base, epochs: 5, batchSize: 64, hiddenDim: 32 }],
  ['2000×20 2×128, batch 16, 3 epochs', synth, { ...base, epochs: 3, hiddenDim: 128 }],
  // Just under maxTensorflowGroupSize's threshold (~470k multiply-adds a step), and just over it.
  ['2000×20 2×160, batch 16, 3 epochs', synth, { ...base, epochs: 3, hiddenDim: 160 }],
  ['2000×20 2×128, batch 32, 3 epochs', synth, { ...base, epochs: 3, batchSize: 32, hiddenDim: 128 }],
];

const time = async (data, params) => {
  const t0 = performance.now();
  await runTrainJob({ data, params });
  return performance.now() - t0;
};
for (const [name, data, params] of cases) {
  if (maxTensorflowGroupSize(data, params) === 1) {
    console.log(`${name}: does not fuse, trains through the single loop either way`);
    continue;
  }
  const single = { ...params };
  // `path` keeps a run on the single loop (what a separate run did before).
  const loop = [];
  const stack = [];
  await time(data, params);
  await runTrainJob({ data, params: single, path: 'fast' });
  for (let r = 0; r < repeats; r++) {
    stack.push(await time(data, params));
    const t0 = performance.now();
    await runTrainJob({ data, params: single, path: 'fast' });
    loop.push(performance.now() - t0);
  }
  const s = median(stack);
  const l = median(loop);
  console.log(
    `${name}: stack of one ÷ single loop ${(s / l).toFixed(2)} (${s.toFixed(0)} vs ${l.toFixed(0)} ms, median of ${repeats})`,
  );
}
