#!/usr/bin/env node
// Predictions (issue 15), side by side in one run, on 100,000 raw digits rows (the built-in CSV,
// cycled): the studio's POST /api/models/:id/predict over loopback HTTP (JSON and CSV bodies),
// ONNX Runtime on model.onnx in this process, and each engine's own inference on its raw-in
// model (TF.js wasm on raw_model.json, TorchScript on raw_model.pt in python, 1 thread). Then a
// distilled student against its teacher: predictions/s on ONNX Runtime and file size ratios.
// Median of 3 rounds (--rounds), alternating contenders.
//
//   node bench/predict.mjs [--rows 100000] [--rounds 3]   (build first: npm run build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { startServer } from '../packages/server/dist/index.js';
import { encodeRawRows } from '../packages/trainers/dist/index.js';
import { loadLayersModelFromDir } from '../packages/trainers/dist/tensorflow/modelFiles.js';
import { initTensorflow } from '../packages/trainers/dist/tensorflow/tfRuntime.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' } },
});
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
const HEADERS = { 'x-trainyard-client': 'bench' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (ms) => Math.round((ROWS / ms) * 1000).toLocaleString('en-US');

const csvText = readFileSync(
  fileURLToPath(new URL('../packages/trainers/data/digits.csv', import.meta.url)),
  'utf8',
);
const [headerLine, ...lines] = csvText.trim().split('\n');
const header = headerLine.split(',');
const bodyLines = Array.from({ length: ROWS }, (_, i) => lines[i % lines.length]);
const csvBody = `${headerLine}\n${bodyLines.join('\n')}\n`;
// Arrays in column order (the digits target is the last column): objects would repeat 64 names per row.
const rows = bodyLines.map((line) =>
  line
    .split(',')
    .slice(0, header.length - 1)
    .map(Number),
);
const jsonBody = JSON.stringify({ rows });

const home = mkdtempSync(join(tmpdir(), 'trainyard-bench-predict-'));
const server = await startServer({ port: 0, home, logger: false });
async function post(path, body, contentType = 'application/json') {
  const send = () =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': contentType },
      body,
    });
  // A kept-alive socket the server closed while python or TF.js was busy: undici resets it, so retry once.
  const res = await send().catch(send);
  const answer = await res.json();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
}
const progress = (text) => process.stderr.write(`[predict bench] ${text}\n`);
const train = {
  datasetId: 'digits',
  epochs: 5,
  batchSize: 32,
  learningRate: 0.01,
  testSize: 0.2,
  dropout: 0,
};

try {
  const teachers = {};
  for (const framework of ['pytorch', 'tensorflow']) {
    const teacher = await post(
      `/api/${framework}/train`,
      JSON.stringify({ ...train, hiddenDim: 128, numHiddenLayers: 2 }),
    );
    teachers[framework] = teacher.modelId;
    progress(`trained a ${framework} teacher`);
  }
  const dirOf = (id) => server.studio.local.models.dir(id);
  const meta = JSON.parse(readFileSync(join(dirOf(teachers.pytorch), 'metadata.json'), 'utf8')).preprocessing;
  const raw = encodeRawRows(meta, rows);
  const nRaw = raw.length / ROWS;
  const rawPath = join(home, 'raw.f32');
  writeFileSync(rawPath, raw);

  await initTensorflow('wasm');
  const tfModel = await loadLayersModelFromDir(dirOf(teachers.tensorflow), 'raw_model.json');
  const sessions = Object.fromEntries(
    await Promise.all(
      Object.entries(teachers).map(async ([f, id]) => [
        f,
        await ort.InferenceSession.create(join(dirOf(id), 'model.onnx')),
      ]),
    ),
  );
  const timeOnnx = async (session) => {
    const start = performance.now();
    await session.run({ input: new ort.Tensor('float32', raw, [ROWS, nRaw]) });
    return performance.now() - start;
  };
  const timeTf = () => {
    const start = performance.now();
    const x = tf.tensor2d(raw, [ROWS, nRaw]);
    // One batch as large as ONNX Runtime's (predict's default of 32 rows per batch is ~50× slower).
    const out = tfModel.predict(x, { batchSize: ROWS });
    out.dataSync();
    tf.dispose([x, out]);
    return performance.now() - start;
  };
  const TORCH = `
import sys, time, torch
torch.set_num_threads(1)
model = torch.jit.load(sys.argv[1]).eval()
x = torch.frombuffer(bytearray(open(sys.argv[2], 'rb').read()), dtype=torch.float32).reshape(-1, int(sys.argv[3]))
with torch.no_grad():
    model(x[:10])
    start = time.perf_counter(); model(x); print((time.perf_counter() - start) * 1000)
`;
  const timeTorch = () =>
    Number(
      execFileSync(
        '/usr/bin/python3',
        ['-c', TORCH, join(dirOf(teachers.pytorch), 'raw_model.pt'), rawPath, String(nRaw)],
        {
          encoding: 'utf8',
          env: { ...process.env, OMP_NUM_THREADS: '1' },
        },
      ),
    );
  const timeEndpoint = async (body, type) => {
    const start = performance.now();
    const answer = await post(`/api/models/${teachers.pytorch}/predict`, body, type);
    if (answer.predictions.length !== ROWS) throw new Error('wrong number of predictions');
    return performance.now() - start;
  };

  await post(`/api/models/${teachers.pytorch}/predict`, JSON.stringify({ rows: rows.slice(0, 10) })); // warm the session
  timeTf();
  const t = { json: [], csv: [], ortPt: [], ortTf: [], tfjs: [], torch: [] };
  const measure = async (key, time) => {
    const ms = await time();
    t[key].push(ms);
    progress(`${key}: ${rate(ms)} rows/s (${ms.toFixed(0)} ms)`);
  };
  for (let round = 0; round < ROUNDS; round++) {
    progress(`round ${round + 1} of ${ROUNDS}`);
    await measure('json', () => timeEndpoint(jsonBody, 'application/json'));
    await measure('csv', () => timeEndpoint(csvBody, 'text/csv'));
    await measure('ortPt', () => timeOnnx(sessions.pytorch));
    await measure('ortTf', () => timeOnnx(sessions.tensorflow));
    await measure('tfjs', timeTf);
    await measure('torch', timeTorch);
  }
  console.log(
    `Predictions on ${ROWS.toLocaleString('en-US')} raw digits rows (64 columns, 2×128 MLP), rows/s, median of ${ROUNDS}:`,
  );
  for (const [name, key] of [
    ['POST /api/models/:id/predict, JSON array rows (HTTP, parse, validate, ONNX Runtime)', 'json'],
    ['POST /api/models/:id/predict, CSV body', 'csv'],
    ['ONNX Runtime in-process, PyTorch export', 'ortPt'],
    ['ONNX Runtime in-process, TF.js export', 'ortTf'],
    ['TF.js (wasm) on raw_model.json', 'tfjs'],
    ['TorchScript (1 thread) on raw_model.pt', 'torch'],
  ]) {
    console.log(`  ${name}: ${rate(median(t[key]))} rows/s (${median(t[key]).toFixed(0)} ms)`);
  }

  // A distilled student (1×16) against its teacher (2×128), PyTorch.
  const student = await post(
    '/api/pytorch/distill',
    JSON.stringify({
      teacherModelId: teachers.pytorch,
      hiddenDim: 16,
      numHiddenLayers: 1,
      temperature: 2,
      alpha: 0.7,
      epochs: 5,
      batchSize: 32,
      learningRate: 0.01,
    }),
  );
  const studentSession = await ort.InferenceSession.create(join(dirOf(student.modelId), 'model.onnx'));
  await timeOnnx(studentSession);
  const ts = { teacher: [], student: [] };
  for (let round = 0; round < ROUNDS; round++) {
    ts.teacher.push(await timeOnnx(sessions.pytorch));
    ts.student.push(await timeOnnx(studentSession));
  }
  const size = (id, file) => statSync(join(dirOf(id), file)).size;
  const [tMs, sMs] = [median(ts.teacher), median(ts.student)];
  console.log('Distilled student (1×16) vs teacher (2×128), PyTorch, ONNX Runtime:');
  console.log(
    `  predictions/s: student ${rate(sMs)}, teacher ${rate(tMs)} (student ×${(tMs / sMs).toFixed(2)})`,
  );
  for (const file of ['model.pt', 'model.onnx']) {
    const [a, b] = [size(student.modelId, file), size(teachers.pytorch, file)];
    console.log(
      `  ${file}: student ${a.toLocaleString('en-US')} B, teacher ${b.toLocaleString('en-US')} B (ratio ${(a / b).toFixed(3)})`,
    );
  }
  await studentSession.release();
  for (const s of Object.values(sessions)) await s.release();
} finally {
  await server.close();
  rmSync(home, { recursive: true, force: true });
}
