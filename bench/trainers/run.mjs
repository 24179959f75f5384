// The trainers benchmark (issue 3): both engines on the same 50,000 × 20 synthetic set, same MLP,
// epochs and seeds, measured side by side in one run. Needs `npm run build` first.
//
//   node bench/trainers/run.mjs                 # the sizes
//   node bench/trainers/run.mjs --rows 5000     # a quick look
import { parseBenchArgs } from './benchArgs.mjs';
import { formatPytorchBench, runPytorchBench } from './pytorchBench.mjs';
import { formatTensorflowBench, runTensorflowBench } from './tensorflowBench.mjs';

const options = parseBenchArgs(process.argv.slice(2));

const pytorch = await runPytorchBench(options);
console.log(formatPytorchBench(pytorch).join('\n'));
const tensorflow = await runTensorflowBench(options);
console.log(formatTensorflowBench(tensorflow).join('\n'));

// Both engines run single-threaded per slot here (wasm is single-threaded; PyTorch pins 1 thread per slot).
const tfOverPt = tensorflow.ms.engine / pytorch.engineMs;
console.log(
  `TF engine ÷ PyTorch engine (same set, MLP, epochs): ${tfOverPt.toFixed(2)} ` +
    `(${tensorflow.ms.engine.toFixed(0)} vs ${pytorch.engineMs.toFixed(0)} ms; ` +
    `${tensorflow.samplesPerSec.engine.toFixed(0)} vs ${pytorch.engineSamplesPerSec.toFixed(0)} samples/s)`,
);
