import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PredictionResult } from '@trainyard/core';
import { applyPreprocessing, denseStackToOnnx, type PreprocessingMeta, rawLayers } from '@trainyard/trainers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_HEADERS,
  createTestApp,
  expectStillServing,
  type TestApp,
  trainBody,
} from '../../testing/testApp.js';

// A model whose files we write ourselves: the fake engine's row, then a real metadata.json and a
// model.onnx made of the raw layers plus one known Dense layer (features → 2 logits) and softmax.
const meta: PreprocessingMeta = {
  datasetId: 'iris',
  task: 'classification',
  targetColumn: 'bought',
  featureColumns: ['age', 'colour=blue', 'colour=red', 'income'],
  mean: [40, 0.5, 0.5, 50_000],
  std: [10, 0.5, 0.5, 20_000],
  labels: ['no', 'yes'],
  categorical: [{ column: 'colour', categories: ['blue', 'red'] }],
  testSize: 0.2,
  seed: 42,
};
const head = {
  inDim: 4,
  outDim: 2,
  kernel: Float32Array.of(1, -1, 0.5, 0, -0.5, 0.25, 2, -2),
  bias: Float32Array.of(0, 0.1),
};

/** What the preprocessing path answers: applyPreprocessing, the Dense layer, softmax. */
function expected(rows: Array<Record<string, string | number>>): number[][] {
  const x = applyPreprocessing(meta, rows);
  return rows.map((_, r) => {
    const logits = [0, 1].map(
      (o) => head.bias[o]! + [0, 1, 2, 3].reduce((s, i) => s + x[r * 4 + i]! * head.kernel[i * 2 + o]!, 0),
    );
    const exps = logits.map((v) => Math.exp(v - Math.max(...logits)));
    return exps.map((e) => e / exps.reduce((a, b) => a + b, 0));
  });
}

let t: TestApp;
let modelId: string;
beforeEach(async () => {
  t = await createTestApp();
  ({ modelId } = (
    await t.app.inject({ method: 'POST', url: '/api/pytorch/train', payload: trainBody })
  ).json());
  const dir = t.studio.local.models.dir(modelId);
  const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
  writeFileSync(
    join(dir, 'metadata.json'),
    JSON.stringify({ ...metadata, task: 'classification', preprocessing: meta }),
  );
  const raw = rawLayers(meta);
  const layers = [
    { dense: raw.expand, relu: true },
    { dense: raw.standardise, relu: false },
    { dense: head, relu: false },
  ];
  writeFileSync(join(dir, 'model.onnx'), denseStackToOnnx(layers, 'softmax'));
});
afterEach(() => t.close());

const predict = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/models/${modelId}/predict`,
    headers: { ...CLIENT_HEADERS, ...headers },
    ...(typeof payload === 'string' ? { body: payload } : { payload: payload as object }),
  });

const rows = [
  { age: 25, colour: 'red', income: 30_000 },
  { age: 61, colour: 'blue', income: 91_500.5 },
  { age: 40, colour: '', income: '' },
];

describe('POST /api/models/:id/predict', () => {
  it('answers labels and probabilities, in order, as the preprocessing path does', async () => {
    const res = await predict({ rows });
    expect(res.statusCode).toBe(200);
    const body = res.json() as PredictionResult;
    expect(body).toMatchObject({ modelId, task: 'classification', columns: ['age', 'colour', 'income'] });
    expect(body.labels).toEqual(['no', 'yes']);
    const want = expected(rows);
    const worst = Math.max(
      ...body.probabilities!.flatMap((p, r) => p.map((v, c) => Math.abs(v - want[r]![c]!))),
    );
    expect(worst).toBeLessThan(1e-6);
    expect(body.predictions).toEqual(want.map((p) => (p[1]! > p[0]! ? 'yes' : 'no')));
  });

  it('takes arrays in column order and a CSV body alike', async () => {
    const byObject = (await predict({ rows })).json() as PredictionResult;
    const arrays = rows.map((r) => [r.age, r.colour, r.income]);
    expect((await predict({ rows: arrays })).json()).toEqual(byObject);
    const csv = `income,colour,age,bought\n${rows.map((r) => `${r.income},${r.colour},${r.age},no`).join('\n')}\n`;
    const res = await predict(csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(byObject);
  });

  it.each([
    [
      { rows: [rows[0], { ...rows[0], colour: 'green' }] },
      'Row 2, column "colour": unknown category "green"',
      'colour',
    ],
    [{ rows: [{ age: 3, colour: 'red' }] }, 'Row 1, column "income": missing', 'income'],
    [
      { rows: [rows[0], rows[1], { ...rows[0], age: 'old' }] },
      'Row 3, column "age": "old" is not a number',
      'age',
    ],
    [{ rows: [[1, 'red']] }, 'Row 1: 2 values for 3 columns', 'rows'],
    [{ data: [] }, 'Send { "rows": [...] }', 'rows'],
  ])('refuses a bad row with a 400 naming the row and the column (%#)', async (payload, message, field) => {
    const res = await predict(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.message).toContain(message);
    expect(res.json().error.field).toBe(field);
    await expectStillServing(t.app);
  });

  it('takes a JSON string for what it is, not for CSV text (only a text/csv body is CSV)', async () => {
    const res = await predict(JSON.stringify('age,colour,income\n25,red,30000'), {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'rows' });
  });

  it('answers 404 for an unknown model and 409 for a model without model.onnx', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/models/m_aaaaaaaaaaaaaaaa/predict',
      headers: CLIENT_HEADERS,
      payload: { rows },
    });
    expect(missing.statusCode).toBe(404);
    const { modelId: old } = (
      await t.app.inject({ method: 'POST', url: '/api/pytorch/train', payload: trainBody })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/models/${old}/predict`,
      headers: CLIENT_HEADERS,
      payload: { rows: [] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('has no model.onnx');
  });

  it('answers a batch of 10,000 rows in well under a second', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      age: 20 + (i % 50),
      colour: i % 3 === 0 ? 'blue' : 'red',
      income: 1000 * (i % 97),
    }));
    await predict({ rows: many.slice(0, 10) }); // the session is created once, then cached
    const started = performance.now();
    const res = await predict({ rows: many });
    const ms = performance.now() - started;
    console.log(`predict: 10,000 rows in ${ms.toFixed(0)} ms over app.inject`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as PredictionResult).predictions).toHaveLength(10_000);
    expect(ms).toBeLessThan(1000);
  });
});
