// Search and honest selection in a real browser (issue 11): the PyTorch page's sweep form runs a
// random search over ranges with a validation split and ASHA pruning on the real server and engine;
// the run table shows each run's validation score, test score and best epoch, marks the pruned runs,
// and the best run by validation. Debian's chromium via playwright-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebStudio, type WebStudio } from './webStudio.js';

interface Run {
  id: string;
  result: string;
  combinationIndex: number;
  epochs: number;
  val_score?: number;
  metric_score: number;
  best_epoch?: number;
  stopped_epoch?: number;
  pruned?: boolean;
  modelId?: string;
}

describe('search sweeps in the web studio', () => {
  let studio: WebStudio;
  let page: Page;

  beforeAll(async () => {
    studio = await startWebStudio('trainyard-web-search-');
    page = studio.page;
  }, 90_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('runs a random ASHA search with validation from the form and shows val scores and pruned runs', async () => {
    await page.goto(`${studio.server.url}/#/pytorch`);
    await page.getByLabel('Dataset', { exact: true }).selectOption('iris');
    const form = page.getByRole('form', { name: 'Sweep' });
    await form.getByLabel('Epochs', { exact: true }).fill('9');
    await form.getByLabel('Batch sizes', { exact: true }).fill('16');
    await form.getByLabel('Hidden layers', { exact: true }).fill('1');
    await form.getByLabel('Dropouts', { exact: true }).fill('0');
    // A grid refuses a range, with core's message beside the field.
    await form.getByLabel('Learning rates', { exact: true }).fill('0.0003..0.3 log');
    await form
      .getByText(
        'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.0003..0.3 log',
      )
      .waitFor();

    await form.getByText('Advanced options').click();
    await form.getByLabel('Strategy', { exact: true }).selectOption('random');
    await form.getByLabel('Hidden dims', { exact: true }).fill('8..64');
    await form.getByLabel('Max runs', { exact: true }).fill('6');
    expect(await form.getByLabel('Validation size', { exact: true }).inputValue()).toBe('0.2');
    await form.getByLabel('Pruner', { exact: true }).selectOption('asha');
    await form.getByLabel('Grace period', { exact: true }).fill('1');
    await form.getByLabel('Reduction factor', { exact: true }).fill('3');
    await form.getByText('6 random runs').waitFor();
    expect(await form.locator('[role="alert"]').count()).toBe(0);
    await studio.shots('search-form');

    await form.getByRole('button', { name: 'Start' }).click();
    await page.getByText(/^Sweep finished: 6 runs/).waitFor({ timeout: 240_000 });

    const [sweep] = (await studio.api<{ sweeps: Array<{ id: string; status: string }> }>('/api/sweeps'))
      .sweeps;
    const detail = await studio.api<{
      sweep: { status: string; fields: Record<string, unknown> };
      runs: Run[];
    }>(`/api/sweeps/${sweep!.id}`);
    expect(detail.sweep.status).toBe('completed');
    expect(detail.sweep.fields).toMatchObject({
      strategy: 'random',
      maxRuns: 6,
      validationSize: 0.2,
      pruner: 'asha',
      gracePeriod: 1,
      reductionFactor: 3,
      learningRates: '0.0003..0.3 log',
      hiddenDims: '8..64',
    });
    const runs = [...detail.runs].sort((a, b) => a.combinationIndex - b.combinationIndex);
    expect(runs).toHaveLength(6);
    for (const run of runs) {
      expect(run.result).toBe('completed');
      expect(typeof run.val_score).toBe('number');
    }
    const pruned = runs.filter((r) => r.pruned);
    // Six draws over a 1000-fold learning-rate range: ASHA stops the weak ones at its rungs (1, 3).
    expect(pruned.length).toBeGreaterThanOrEqual(1);
    for (const run of pruned) {
      expect(run.stopped_epoch).toBeLessThan(9);
      // Models of pruned runs are not kept unless asked.
      expect(run.modelId).toBeUndefined();
    }

    const table = page.getByRole('table', { name: 'PyTorch runs of this sweep' });
    const headers = (await table.locator('thead th').allTextContents()).map((h) =>
      h.replace(/[▲▼]/g, '').trim(),
    );
    const cells = async (header: string) =>
      table.locator(`tbody tr td:nth-child(${headers.indexOf(header) + 1})`).allTextContents();
    expect(await cells('Val score')).toEqual(runs.map((r) => r.val_score!.toFixed(4)));
    expect(await cells('Test score')).toEqual(runs.map((r) => r.metric_score.toFixed(4)));
    expect(await cells('Best epoch')).toEqual(runs.map((r) => String(r.best_epoch)));
    const results = await cells('Result');
    expect(results.filter((r) => r.includes('pruned at epoch'))).toHaveLength(pruned.length);
    for (const run of pruned) {
      expect(results[runs.indexOf(run)]).toBe(`completedpruned at epoch ${run.stopped_epoch}`);
    }
    // The best run is chosen by validation among the runs not pruned, and the table says so.
    const best = runs.filter((r) => !r.pruned).reduce((a, b) => (b.val_score! > a.val_score! ? b : a));
    const bestRow = table.locator('tbody tr.best');
    expect(await bestRow.count()).toBe(1);
    expect(await bestRow.locator('td').first().textContent()).toBe(
      `${runs.indexOf(best) + 1}best by validation`,
    );
    await page.getByText(/^Best by validation: run #\d+ \(val accuracy/).waitFor();

    // The best run's curves: train, test and validation loss and the validation score.
    await page
      .getByRole('img', { name: /^Loss curve of run #\d+: 9 epochs, .*val loss .*val score / })
      .waitFor();
    await studio.shots('search-run-table');
    expect(studio.errors).toEqual([]);
  }, 300_000);
});
