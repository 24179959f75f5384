// The malformed and hostile requests of the adversarial e2e suite (issue 10): bad ids on every id
// route, broken and hostile JSON bodies on every JSON route, broken CSV uploads, bad query strings,
// and the writes a cross-site page or a DNS-rebinding page could send. Every probe must be answered
// 4xx quickly and change nothing; `guard` probes must be refused 403 before any handler runs.

/** What the studio holds before the corpus is sent: the ids the probes aim at. */
export interface Seed {
  datasetId: string;
  runId: string;
  modelId: string;
  sweepId: string;
}

export interface Probe {
  name: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Refused by the cross-site / Host guard: must answer exactly 403. */
  guard?: boolean;
  /** Harmless when answered 2xx (an unknown query parameter is ignored); still never a 5xx. */
  mayPass?: boolean;
}

/** What every studio client sends; probes carry it so that they reach the handlers. */
const CLIENT = { 'x-trainyard-client': 'adversary' };
const JSON_TYPE = { ...CLIENT, 'content-type': 'application/json' };
const CSV_TYPE = { ...CLIENT, 'content-type': 'text/csv' };

const BAD_IDS = [
  'a'.repeat(101),
  'a'.repeat(5000),
  'a'.repeat(20_000), // past Node's 16 KiB request-line limit: answered by Node, in the error shape
  '%',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'x%00y',
  '%F0%9F%92%A5',
  'id%20with%20space',
  '.',
  '__proto__',
  'constructor',
];

const ID_ROUTES: Array<[Probe['method'], (id: string) => string]> = [
  ['GET', (id) => `/api/datasets/${id}`],
  ['GET', (id) => `/api/datasets/${id}/rows`],
  ['DELETE', (id) => `/api/datasets/${id}`],
  ['GET', (id) => `/api/runs/${id}`],
  ['DELETE', (id) => `/api/runs/${id}`],
  ['GET', (id) => `/api/models/${id}`],
  ['GET', (id) => `/api/models/${id}/download`],
  ['DELETE', (id) => `/api/models/${id}`],
  ['GET', (id) => `/api/sweeps/${id}`],
  ['GET', (id) => `/api/sweeps/${id}/events`],
  ['POST', (id) => `/api/sweeps/${id}/cancel`],
  ['POST', (id) => `/api/sweeps/${id}/resume`],
];

export const TRAIN = {
  datasetId: 'iris',
  epochs: 1,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 8,
  numHiddenLayers: 1,
  dropout: 0,
};
export const SWEEP = {
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues: '1',
  batchSizes: '16',
  learningRates: '0.01',
  testSizes: '0.2',
  hiddenDims: '8',
  numHiddenLayers: '1',
  dropouts: '0',
};

const nested = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Bodies every JSON route must refuse with a 4xx, never a 500 or a stall. */
function hostileJsonBodies(valid: Record<string, unknown>): Array<[string, Record<string, string>, string]> {
  const first = Object.keys(valid)[0]!;
  return [
    ['truncated JSON', JSON_TYPE, '{"datasetId": "iris",'],
    ['empty body', JSON_TYPE, ''],
    ['null', JSON_TYPE, 'null'],
    ['an array', JSON_TYPE, '[]'],
    ['a string', JSON_TYPE, '"train"'],
    ['a number', JSON_TYPE, '123'],
    ['5,000 nested arrays', JSON_TYPE, `{"${first}":${nested(5000, '[', ']')}}`],
    ['3,000 nested objects', JSON_TYPE, nested(3000, '{"a":', '}')],
    ['__proto__ pollution', JSON_TYPE, `{"__proto__":{"admin":true},${JSON.stringify(valid).slice(1)}`],
    ['constructor.prototype pollution', JSON_TYPE, '{"constructor":{"prototype":{"admin":true}}}'],
    ['operator object as a field', JSON_TYPE, JSON.stringify({ ...valid, [first]: { $ne: null } })],
    ['1e400 overflowing number', JSON_TYPE, JSON.stringify(valid).replace(/}$/, ',"seed":1e400}')],
    ['900 KB string field', JSON_TYPE, JSON.stringify({ ...valid, [first]: 'a'.repeat(900_000) })],
    ['text/plain JSON', { ...CLIENT, 'content-type': 'text/plain' }, JSON.stringify(valid)],
    ['form-encoded', { ...CLIENT, 'content-type': 'application/x-www-form-urlencoded' }, 'datasetId=iris'],
    ['multipart', { ...CLIENT, 'content-type': 'multipart/form-data; boundary=z' }, '--z--\r\n'],
    ['XML', { ...CLIENT, 'content-type': 'application/xml' }, '<train/>'],
    ['UTF-16 charset', { ...CLIENT, 'content-type': 'application/json; charset=utf-16' }, '{}'],
  ];
}

const csvRows = (rows: number, cell: (i: number) => string) =>
  `a,b,label\n${Array.from({ length: rows }, (_, i) => `${i},${cell(i)},${i % 2 ? 'x' : 'y'}`).join('\n')}\n`;

function multipart(
  boundary: string,
  parts: Array<{ name: string; filename?: string; body: string }>,
): string {
  return `${parts
    .map(
      (p) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n\r\n${p.body}\r\n`,
    )
    .join('')}--${boundary}--\r\n`;
}

/**
 * Every probe of the corpus, aimed at the seeded ids; `host` is the studio's own `Host` header.
 *
 * @example const probes = buildCorpus(seed, '127.0.0.1:8787'); probes.length // > 150
 */
export function buildCorpus(seed: Seed, host: string, uploadLimit: number): Probe[] {
  const probes: Probe[] = [];
  const add = (p: Omit<Probe, 'headers'> & { headers?: Record<string, string> }) =>
    probes.push({ ...p, headers: { host, ...CLIENT, ...p.headers } });

  for (const [method, path] of ID_ROUTES) {
    for (const id of BAD_IDS) add({ name: `bad id ${id.slice(0, 20)}`, method, path: path(id) });
  }

  const jsonRoutes: Array<[string, Record<string, unknown>]> = [
    ['/api/pytorch/train', TRAIN],
    ['/api/tensorflow/train', { ...TRAIN, mode: 'mlp' }],
    ['/api/pytorch/distill', { teacherModelId: seed.modelId, hiddenDim: 8, numHiddenLayers: 1 }],
    ['/api/tensorflow/distill', { teacherModelId: seed.modelId, temperature: 0 }],
    ['/api/sweeps', SWEEP],
  ];
  for (const [path, valid] of jsonRoutes) {
    for (const [name, headers, body] of hostileJsonBodies(valid)) {
      add({ name: `${path}: ${name}`, method: 'POST', path, headers, body });
    }
  }
  // The write routes added with sweeps as objects and predictions: every body that is not a JSON
  // object of their own shape is refused (bodies built on a valid one would be valid here).
  const malformed = new Set([
    'truncated JSON',
    'empty body',
    'null',
    'an array',
    'a string',
    'a number',
    '5,000 nested arrays',
    '3,000 nested objects',
    'text/plain JSON',
    'form-encoded',
    'XML',
  ]);
  for (const [method, path, valid] of [
    ['PATCH', `/api/sweeps/${seed.sweepId}`, { name: 'x' }],
    ['PATCH', `/api/runs/${seed.runId}`, { name: 'x' }],
    ['POST', `/api/sweeps/${seed.sweepId}/extend`, { epochValues: '2' }],
    ['POST', `/api/models/${seed.modelId}/predict`, { rows: [] }],
  ] as const) {
    for (const [name, headers, body] of hostileJsonBodies(valid)) {
      if (malformed.has(name)) add({ name: `${method} ${path}: ${name}`, method, path, headers, body });
    }
  }
  // The quadratic duplicate check: 131,000 distinct learning rates under the 1 MiB body limit.
  const rates = Array.from({ length: 131_000 }, (_, i) => `.${i + 1}`).join(',');
  add({
    name: 'sweep with 131,000 learning rates',
    method: 'POST',
    path: '/api/sweeps',
    headers: JSON_TYPE,
    body: JSON.stringify({ ...SWEEP, learningRates: rates }),
  });
  for (const [name, over] of [
    ['sweep with 1,001 epochs', { epochValues: Array.from({ length: 1001 }, (_, i) => i + 1).join(',') }],
    ['sweep list as an array', { batchSizes: [16, 32] }],
    [
      'sweep of 10,000+ combinations',
      {
        epochValues: '1,2,3,4,5,6,7,8,9,10',
        batchSizes: '1,2,3,4,5,6,7,8,9,10',
        learningRates: '.1,.2,.3,.4,.5,.6,.7,.8,.9,1',
        testSizes: '.1,.2,.3,.4,.5,.6,.7,.8,.9,.95',
        hiddenDims: '8,9',
      },
    ],
    ['sweep on an unknown dataset', { datasetId: 'no-such-set' }],
    ['sweep with a negative concurrency', { concurrency: -1 }],
  ] as const) {
    add({
      name,
      method: 'POST',
      path: '/api/sweeps',
      headers: JSON_TYPE,
      body: JSON.stringify({ ...SWEEP, ...over }),
    });
  }

  const good = csvRows(12, (i) => String(i * 2));
  const uploads: Array<[string, string, Record<string, string>, string | Buffer]> = [
    ['no name or target', '', CSV_TYPE, good],
    ['unknown task', 'name=t&target=label&task=both', CSV_TYPE, good],
    ['missing target column', 'name=t&target=nope', CSV_TYPE, good],
    ['binary body', 'name=t&target=label', CSV_TYPE, Buffer.from([0, 1, 2, 255, 254, 0, 10, 13])],
    ['UTF-16 without BOM', 'name=t&target=label', CSV_TYPE, Buffer.from(good, 'utf16le')],
    [
      'Latin-1 text',
      'name=t&target=label',
      CSV_TYPE,
      Buffer.from(
        csvRows(12, () => 'é'),
        'latin1',
      ),
    ],
    ['1e400 cell', 'name=t&target=label', CSV_TYPE, csvRows(12, (i) => (i === 5 ? '1e400' : String(i)))],
    ['ragged row', 'name=t&target=label', CSV_TYPE, `${good}1,2\n`],
    ['header only', 'name=t&target=label', CSV_TYPE, 'a,b,label\n'],
    ['duplicate columns', 'name=t&target=label', CSV_TYPE, good.replace('a,b,label', 'a,a,label')],
    ['300-character column', 'name=t&target=label', CSV_TYPE, good.replace('a,b', `a,${'b'.repeat(300)}`)],
    ['open quote', 'name=t&target=label', CSV_TYPE, `${good}"never closed,1,x\n`],
    ['empty body', 'name=t&target=label', CSV_TYPE, ''],
    ['JSON instead of CSV', 'name=t&target=label', JSON_TYPE, '{"a":1}'],
    ['over the upload limit', 'name=t&target=label', CSV_TYPE, 'a,b,label\n'.padEnd(uploadLimit + 1024, '9')],
    ['300-character name', `name=${'n'.repeat(300)}&target=label`, CSV_TYPE, good],
    [
      'form without a file',
      '',
      { ...CLIENT, 'content-type': 'multipart/form-data; boundary=q' },
      multipart('q', [{ name: 'target', body: 'label' }]),
    ],
    [
      'form with two files',
      'target=label',
      { ...CLIENT, 'content-type': 'multipart/form-data; boundary=q' },
      multipart('q', [
        { name: 'file', filename: 'a.csv', body: good },
        { name: 'file', filename: 'b.csv', body: good },
      ]),
    ],
    [
      'form cut off mid-file',
      'target=label',
      { ...CLIENT, 'content-type': 'multipart/form-data; boundary=q' },
      multipart('q', [{ name: 'file', filename: 'a.csv', body: good }]).slice(0, 60),
    ],
    ['form without a boundary', 'target=label', { ...CLIENT, 'content-type': 'multipart/form-data' }, 'x'],
  ];
  for (const [name, query, headers, body] of uploads) {
    add({
      name: `upload: ${name}`,
      method: 'POST',
      path: `/api/datasets${query ? `?${query}` : ''}`,
      headers,
      body,
    });
  }

  // The query parser knows no brackets: `offset[]` and `framework[$ne]` are unknown names, ignored.
  for (const path of ['/api/datasets/iris/rows?offset[]=1', '/api/runs?framework[$ne]=x']) {
    add({ name: `query ${path}`, method: 'GET', path, mayPass: true });
  }
  for (const path of [
    '/api/datasets/iris/rows?offset=-1',
    '/api/datasets/iris/rows?limit=0',
    '/api/datasets/iris/rows?limit=abc',
    '/api/datasets/iris/rows?offset=1e400',
    '/api/datasets/iris/rows?limit=10&limit=20',
    '/api/runs?framework=jax',
    `/api/runs?datasetId=${'d'.repeat(300)}`,
    '/api/runs?sweepId=%00',
    '/api/%',
    '/api/%E0%A4%A',
  ]) {
    add({ name: `query ${path.slice(0, 40)}`, method: 'GET', path });
  }
  for (const [method, path] of [
    ['PUT', '/api/runs'],
    ['PUT', `/api/runs/${seed.runId}`],
    ['POST', '/api/health'],
    ['DELETE', '/api/sweeps'],
  ] as const) {
    add({ name: `no such route ${method} ${path}`, method, path });
  }

  // The writes a hostile page could send: refused before any handler, whatever the target.
  const validCsv = csvRows(12, (i) => String(i));
  const guard = (
    name: string,
    p: Omit<Probe, 'name' | 'headers' | 'guard'>,
    headers: Record<string, string>,
  ) => probes.push({ name: `guard: ${name}`, ...p, headers: { host, ...headers }, guard: true });
  guard(
    'text/plain upload, no client header',
    { method: 'POST', path: '/api/datasets?name=evil&target=label', body: validCsv },
    { 'content-type': 'text/plain' },
  );
  guard(
    'form upload, no client header',
    {
      method: 'POST',
      path: '/api/datasets?name=evil',
      body: multipart('e', [
        { name: 'target', body: 'label' },
        { name: 'file', filename: 'e.csv', body: validCsv },
      ]),
    },
    { 'content-type': 'multipart/form-data; boundary=e' },
  );
  guard(
    'url-encoded post',
    { method: 'POST', path: `/api/sweeps/${seed.sweepId}/cancel`, body: 'x=1' },
    { 'content-type': 'application/x-www-form-urlencoded' },
  );
  guard('body-less resume', { method: 'POST', path: `/api/sweeps/${seed.sweepId}/resume` }, {});
  guard('body-less cancel', { method: 'POST', path: `/api/sweeps/${seed.sweepId}/cancel` }, {});
  guard('delete run, no header', { method: 'DELETE', path: `/api/runs/${seed.runId}` }, {});
  guard('delete model, no header', { method: 'DELETE', path: `/api/models/${seed.modelId}` }, {});
  guard('delete dataset, no header', { method: 'DELETE', path: `/api/datasets/${seed.datasetId}` }, {});
  guard(
    'delete model from another origin',
    { method: 'DELETE', path: `/api/models/${seed.modelId}` },
    { ...CLIENT, origin: 'http://evil.example' },
  );
  guard(
    'delete dataset, cross-site',
    { method: 'DELETE', path: `/api/datasets/${seed.datasetId}` },
    { ...CLIENT, 'sec-fetch-site': 'cross-site' },
  );
  guard(
    'sweep from another loopback port',
    { method: 'POST', path: '/api/sweeps', body: JSON.stringify(SWEEP) },
    { ...JSON_TYPE, origin: 'http://127.0.0.1:1' },
  );
  guard(
    'train from a null origin',
    { method: 'POST', path: '/api/pytorch/train', body: JSON.stringify(TRAIN) },
    { ...JSON_TYPE, origin: 'null' },
  );
  for (const evilHost of ['evil.example', `rebind.attacker.test:${host.split(':').pop()}`, '127.0.0.1:1']) {
    guard(
      `Host ${evilHost} reading runs`,
      { method: 'GET', path: '/api/runs' },
      { ...CLIENT, host: evilHost },
    );
    guard(
      `Host ${evilHost} deleting a run`,
      { method: 'DELETE', path: `/api/runs/${seed.runId}` },
      { ...CLIENT, host: evilHost },
    );
  }
  guard('Host rebinding the web page', { method: 'GET', path: '/' }, { host: 'rebind.attacker.test' });
  return probes;
}
