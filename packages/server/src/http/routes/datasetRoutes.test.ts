import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_HEADERS,
  createTestApp,
  expectStillServing,
  type TestApp,
  trainBody,
} from '../../testing/testApp.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ uploadLimit: 4096 });
});
afterEach(() => t.close());

const upload = (csv: string, query = 'name=My%20data&target=label') =>
  t.app.inject({
    method: 'POST',
    url: `/api/datasets?${query}`,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });

describe('dataset routes', () => {
  it('imports a UTF-16 CSV (with its byte-order mark) and refuses other non-UTF-8 text', async () => {
    const text = `a,b,label\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 3},${i % 2 ? 'é' : 'ü'}`).join('\n')}\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const send = (payload: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: '/api/datasets?name=u16&target=label',
        headers: { 'content-type': 'text/csv' },
        payload,
      });
    const ok = await send(utf16);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().dataset).toMatchObject({ rows: 12, classes: 2 });
    const latin1 = await send(Buffer.from(text, 'latin1'));
    expect(latin1.statusCode).toBe(400);
    expect(latin1.json().error).toMatchObject({ code: 'VALIDATION', field: 'file' });
    expect(latin1.json().error.message).toMatch(/^The CSV file is not UTF-8 text/);
  });

  it('lists the manifest and shows one dataset', async () => {
    const list = await t.app.inject('/api/datasets');
    expect(list.json().datasets.map((d: { id: string }) => d.id)).toContain('iris');
    const one = await t.app.inject('/api/datasets/iris');
    expect(one.json().dataset).toMatchObject({
      id: 'iris',
      task: 'classification',
      rows: 150,
      builtIn: true,
    });
  });

  it('summarises each column of a dataset (GET /api/datasets/:id/summary)', async () => {
    const res = await t.app.inject('/api/datasets/iris/summary');
    expect(res.statusCode).toBe(200);
    const { summary } = res.json();
    expect(summary).toMatchObject({ datasetId: 'iris', rows: 150 });
    expect(summary.columns[0]).toMatchObject({ type: 'number', missing: 0, role: 'feature' });
    expect(summary.columns.at(-1)).toMatchObject({ role: 'target', type: 'category', distinct: 3 });
    expect((await t.app.inject('/api/datasets/nope/summary')).statusCode).toBe(404);
  });

  it('pages rows with offset and limit', async () => {
    const res = await t.app.inject('/api/datasets/iris/rows?offset=148&limit=10');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ datasetId: 'iris', total: 150, offset: 148 });
    expect(res.json().rows).toHaveLength(2);
  });

  it('serves a page larger than the cap at the cap (1000 rows)', async () => {
    const res = await t.app.inject('/api/datasets/digits/rows?limit=5000');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ datasetId: 'digits', total: 1797, offset: 0 });
    expect(res.json().rows).toHaveLength(1000);
  });

  it('rejects bad paging with the validator message and keeps serving', async () => {
    const cases: Array<[string, string, string]> = [
      ['limit=0', 'limit', 'Limit out of range (1-1000): 0'],
      ['offset=-1', 'offset', 'Offset out of range (0 or more): -1'],
      ['offset=abc', 'offset', 'Offset is not a number: abc'],
      ['limit=2.5', 'limit', 'Limit must be a whole number: 2.5'],
    ];
    for (const [query, field, message] of cases) {
      const res = await t.app.inject(`/api/datasets/iris/rows?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'VALIDATION', field, message });
    }
    await expectStillServing(t.app);
  });

  it('answers unknown and malformed dataset ids with 404 and 400', async () => {
    const missing = await t.app.inject('/api/datasets/nope/rows');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('No dataset with id "nope" (GET /api/datasets lists them)');
    const bad = await t.app.inject('/api/datasets/..%2F..%2Fetc%2Fpasswd');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', field: 'id' });
    await expectStillServing(t.app);
  });

  it('imports an uploaded CSV and deletes it again', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i * 2},${i % 2 ? 'x' : 'y'}`).join('\n');
    const res = await upload(`a,b,label\n${rows}\n`);
    expect(res.statusCode).toBe(201);
    const { dataset } = res.json();
    expect(dataset).toMatchObject({ name: 'My data', targetColumn: 'label', rows: 12, builtIn: false });
    expect((await t.app.inject(`/api/datasets/${dataset.id}/rows`)).json().rows).toHaveLength(12);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/datasets/${dataset.id}`, headers: CLIENT_HEADERS }))
        .statusCode,
    ).toBe(204);
    expect((await t.app.inject(`/api/datasets/${dataset.id}`)).statusCode).toBe(404);
  });

  it('rejects a CSV with ragged rows naming the line, and keeps nothing', async () => {
    const res = await upload('a,b,label\n1,2,x\n3,4\n5,6,x\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.message).toMatch(/line 3/i);
    const user = (await t.app.inject('/api/datasets'))
      .json()
      .datasets.filter((d: { builtIn: boolean }) => !d.builtIn);
    expect(user).toEqual([]);
    await expectStillServing(t.app);
  });

  it('answers an upload over the limit with 413', async () => {
    const big = `a,label\n${'1,x\n'.repeat(2000)}`;
    const res = await upload(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body' });
    await expectStillServing(t.app);
  });

  it('asks for the target column and for a CSV body', async () => {
    const noTarget = await upload('a,label\n1,x\n', 'name=x');
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error).toMatchObject({
      field: 'target',
      message: 'Target column is required (?target=)',
    });
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/datasets?name=x&target=label',
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.field).toBe('body');
  });

  it('refuses a PNG as "not a text CSV" and an empty file as empty, keeping nothing', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/datasets?name=pic&target=label',
      headers: { 'content-type': 'application/octet-stream' },
      payload: png,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'file' });
    expect(res.json().error.message).toMatch(/^The file is not a text CSV: it looks like a PNG image/);
    const empty = await upload('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/^The CSV file is empty/);
    const user = (await t.app.inject('/api/datasets'))
      .json()
      .datasets.filter((d: { builtIn: boolean }) => !d.builtIn);
    expect(user).toEqual([]);
  });

  it('renames an uploaded dataset, keeping its id, and refuses to rename a built-in', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 2 ? 'x' : 'y'}`).join('\n');
    const { dataset } = (await upload(`a,label\n${rows}\n`)).json();
    expect(dataset.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const rename = (id: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/datasets/${id}`, headers: CLIENT_HEADERS, payload });
    const res = await rename(dataset.id, { name: 'Renamed' });
    expect(res.statusCode).toBe(200);
    expect(res.json().dataset).toMatchObject({ id: dataset.id, name: 'Renamed' });
    expect((await t.app.inject(`/api/datasets/${dataset.id}`)).json().dataset.name).toBe('Renamed');
    const builtIn = await rename('iris', { name: 'x' });
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json().error).toEqual({
      code: 'CONFLICT',
      field: 'id',
      message: 'Dataset "iris" is built in and cannot be renamed',
    });
    expect((await rename(dataset.id, {})).json().error.field).toBe('name');
    expect((await rename(dataset.id, { name: '  ' })).json().error).toMatchObject({
      code: 'VALIDATION',
      field: 'name',
    });
    expect((await rename('nope-abcdef', { name: 'x' })).statusCode).toBe(404);
  });

  it('asks before deleting a dataset runs were trained on (409 naming the count), then deletes it with force', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i * 2},${i % 3}`).join('\n');
    const { dataset } = (await upload(`a,b,label\n${rows}\n`)).json();
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/pytorch/train',
      payload: { ...trainBody, datasetId: dataset.id },
    });
    expect(run.statusCode).toBe(200);
    const del = (query = '') =>
      t.app.inject({ method: 'DELETE', url: `/api/datasets/${dataset.id}${query}`, headers: CLIENT_HEADERS });
    const asked = await del();
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error).toEqual({
      code: 'CONFLICT',
      field: 'id',
      message: `Dataset "${dataset.id}" is used by 1 run; delete it with ?force=true (the runs and models stay)`,
    });
    expect((await del('?force=maybe')).json().error).toMatchObject({ code: 'VALIDATION', field: 'force' });
    expect((await del('?force=true')).statusCode).toBe(204);
    expect((await t.app.inject(`/api/datasets/${dataset.id}`)).statusCode).toBe(404);
    expect((await t.app.inject('/api/runs')).json().runs).toHaveLength(1);
  });

  it('refuses to delete a built-in dataset', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/datasets/iris', headers: CLIENT_HEADERS });
    expect(res.statusCode).toBe(409);
    expect((await t.app.inject('/api/datasets/iris')).statusCode).toBe(200);
  });
});

/** A multipart/form-data body with text fields and at most one file, as `curl -F` sends it. */
function form(fields: Record<string, string>, file?: { name: string; content: string }) {
  const boundary = '----trainyard-test-boundary';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  if (file) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: text/csv\r\n\r\n${file.content}\r\n`,
    );
  }
  return t.app.inject({
    method: 'POST',
    url: '/api/datasets',
    headers: { ...CLIENT_HEADERS, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `${parts.join('')}--${boundary}--\r\n`,
  });
}

describe('dataset upload as a multipart form', () => {
  const csv = `a,b,label\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 3},${i % 2 ? 'x' : 'y'}`).join('\n')}\n`;

  it('imports the file field, naming the dataset after the file when the form gives no name', async () => {
    const res = await form({ target: 'label' }, { name: 'my-measurements.csv', content: csv });
    expect(res.statusCode).toBe(201);
    expect(res.json().dataset).toMatchObject({ name: 'my-measurements', targetColumn: 'label', rows: 12 });
    const named = await form({ target: 'label', name: 'Field data' }, { name: 'x.csv', content: csv });
    expect(named.json().dataset.name).toBe('Field data');
  });

  it('rejects ragged rows naming the line, a missing file, a missing target and an oversized file', async () => {
    const ragged = await form({ target: 'label' }, { name: 'r.csv', content: 'a,b,label\n1,2,x\n3,4\n' });
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json().error.message).toMatch(/line 3/i);
    const noFile = await form({ target: 'label' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error).toMatchObject({ code: 'VALIDATION', field: 'file' });
    const noTarget = await form({}, { name: 'd.csv', content: csv });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.field).toBe('target');
    const big = await form(
      { target: 'label' },
      { name: 'big.csv', content: `a,label\n${'1,x\n'.repeat(2000)}` },
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const left = (await t.app.inject('/api/datasets'))
      .json()
      .datasets.filter((d: { builtIn: boolean }) => !d.builtIn);
    expect(left).toHaveLength(0);
    await expectStillServing(t.app);
  });
});
