import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// A user's script trains once and never calls close(): the warm python process and worker thread
// must not keep it alive. Runs the built dist/ in a real node subprocess.
const run = promisify(execFile);
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'trainyard-api-exit-'));

afterAll(() => rmSync(home, { recursive: true, force: true }));

const script = `
import { createLocalMlApi } from ${JSON.stringify(dist)};
const api = createLocalMlApi({ home: ${JSON.stringify(home)} });
const c = { datasetId: 'iris', epochs: 2, batchSize: 16, learningRate: 0.01, testSize: 0.2,
  hiddenDim: 8, numHiddenLayers: 1, dropout: 0 };
const pt = await api.trainPytorch(c);
const tf = await api.trainTensorflow({ ...c, mode: 'mlp' });
console.log(JSON.stringify({ pt: pt.metric_name, tf: tf.metric_name }));
`;

describe('createLocalMlApi in a script that never calls close()', () => {
  it('lets the process exit once both engines have answered', async () => {
    // The timeout only turns a hang into a failure; it measures nothing.
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ pt: 'accuracy', tf: 'accuracy' });
  });
});
