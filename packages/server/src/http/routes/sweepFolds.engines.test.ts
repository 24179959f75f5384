// A k-fold sweep over HTTP with the real PyTorch engine on iris: `folds` goes on every request, each
// row stores the folds' mean validation score and its standard deviation (migration 0008), and bad
// k-fold input is refused at the API with the field and the value.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalMlApi, createPytorchEngine } from '@trainyard/trainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../studio/createStudio.js';
import { sweepBody, trainBody } from '../../testing/testApp.js';
import { buildApp } from '../buildApp.js';

let home: string;
let studio: Studio;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-folds-'));
  const api = createLocalMlApi({
    home,
    engines: { pytorch: createPytorchEngine({ slots: 1, threadsPerSlot: 1 }) },
  });
  studio = await createStudio({ home, api, concurrency: 1, onError: () => {} });
  app = await buildApp({ studio, webRoot: join(home, 'no-web-build') });
});
afterAll(async () => {
  await studio.close();
  await app.close();
  rmSync(home, { recursive: true, force: true });
});

describe('k-fold sweeps over HTTP', () => {
  it('stores val_score (mean) and val_score_std for every row and answers them', async () => {
    const body = { ...sweepBody, epochValues: '4', batchSizes: '16', folds: 3 };
    const res = await app.inject({ method: 'POST', url: '/api/sweeps', payload: body });
    expect(res.statusCode).toBe(201);
    const { sweep } = res.json();
    expect(sweep.fields).toMatchObject({ folds: 3 });
    expect(await studio.sweeps.whenDone(sweep.id)).toMatchObject({ status: 'completed', done: 2 });
    const { runs } = (await app.inject(`/api/runs?sweepId=${sweep.id}`)).json();
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(run).toMatchObject({ result: 'completed', best_epoch: 4, stopped_epoch: 4 });
      expect(run.val_score).toBeGreaterThan(0);
      expect(run.val_score_std).toBeGreaterThanOrEqual(0);
      expect(run.val_score_std).toBeLessThan(0.5);
      expect(run.history).toHaveLength(4);
      expect(run.history[3].val_score).toBeCloseTo(run.val_score, 6);
    }
    const read = (await app.inject(`/api/sweeps/${sweep.id}`)).json();
    expect(read.sweep.best).toMatchObject({ validation: true });
  });

  it.each([
    [
      '/api/sweeps',
      { ...sweepBody, folds: 4, validationSize: 0.2 },
      'validationSize',
      'Validation size must be 0 with folds 4 (the folds replace the validation split): 0.2',
    ],
    ['/api/sweeps', { ...sweepBody, folds: 1 }, 'folds', 'Folds out of range (2-10): 1'],
    [
      '/api/sweeps',
      { ...sweepBody, folds: 3, pruner: 'asha', validationSize: 0 },
      'pruner',
      'Pruner asha cannot be used with folds 3 (prune on a validation split instead): asha',
    ],
    ['/api/pytorch/train', { ...trainBody, folds: 2.5 }, 'folds', 'Folds must be a whole number: 2.5'],
  ])('%s refuses bad k-fold input (%j)', async (url, payload, field, message) => {
    const res = await app.inject({ method: 'POST', url, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'VALIDATION', field, message });
  });
});
