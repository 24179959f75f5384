// Durable sweeps in a real browser (issue 13): the PyTorch page runs its sweep on the server, a
// reload and a second tab reattach to it, Cancel leaves no model for the run it stopped, and the
// Sweeps page extends a sweep with only the new combinations. Debian's chromium via playwright-core.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from './serverHarness.js';
import { startWebStudio, type WebStudio } from './webStudio.js';

interface Run {
  id: string;
  result: string;
  stopReason?: string;
  modelId?: string;
  epochs: number;
  combinationIndex: number;
}

describe('durable sweeps in the web studio', () => {
  let studio: WebStudio;
  let server: ServerProcess;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: WebStudio['api'];
  const shots = (p: Page, name: string) => studio.shots(name, p);

  beforeAll(async () => {
    studio = await startWebStudio('trainyard-web-sweeps-');
    ({ server, context, page, errors, api } = studio);
  }, 90_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('reattaches after a reload and in a second tab, and a cancel leaves no model', async () => {
    await page.goto(`${server.url}/#/pytorch`);
    await page.getByLabel('Dataset', { exact: true }).selectOption('digits');
    await page.getByLabel('Epochs', { exact: true }).fill('60,80,100,120');
    await page.getByLabel('Learning rates', { exact: true }).fill('1e-3');
    await page.getByLabel('Hidden dims', { exact: true }).fill('32');
    // Batch 4: runs of several seconds, so the sweep still trains through the reload and the second
    // tab however fast the engine (at the default batch it could end before Cancel was clicked).
    await page.getByLabel('Batch sizes', { exact: true }).fill('4');
    // One training per combination, so rows arrive one by one while the sweep runs (fused, the four
    // epoch counts would be one training whose rows all land at its end).
    await page.getByText('Advanced options').click();
    await page.getByLabel('Fuse combinations into one batched model').uncheck();
    expect(await page.getByText('4 combinations').count()).toBe(1);
    await page.getByRole('button', { name: 'Start' }).click();

    const table = page.getByRole('table', { name: 'PyTorch runs of this sweep' });
    await expect
      .poll(() => table.locator('tbody tr').count(), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(1);
    const [sweep] = (await api<{ sweeps: Array<{ id: string; status: string }> }>('/api/sweeps')).sweeps;
    expect(sweep?.status).toBe('running');

    await page.reload();
    // Back with the sweep's dataset, the typed fields, its rows and its progress; still running.
    await expect.poll(() => page.getByLabel('Dataset', { exact: true }).inputValue()).toBe('digits');
    expect(await page.getByLabel('Epochs', { exact: true }).inputValue()).toBe('60,80,100,120');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    const bar = page.getByRole('progressbar', { name: 'Sweep progress' });
    await expect.poll(async () => (await bar.getAttribute('aria-valuemax')) ?? '').toBe('4');
    const cancel = page.getByRole('form', { name: 'Sweep' }).getByRole('button', { name: 'Cancel' });
    expect(await cancel.isEnabled()).toBe(true);

    const second = await context.newPage();
    await second.goto(`${server.url}/#/pytorch`);
    const secondTable = second.getByRole('table', { name: 'PyTorch runs of this sweep' });
    await expect.poll(() => secondTable.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await shots(second, 'sweep-second-tab');

    await cancel.click();
    await page.getByText(/^Sweep cancelled: \d of 4 combinations completed/).waitFor({ timeout: 60_000 });
    await second.getByText(/^Sweep cancelled/).waitFor({ timeout: 30_000 });
    await shots(page, 'sweep-cancelled');

    const detail = await api<{ sweep: { status: string; cancelled: number }; runs: Run[] }>(
      `/api/sweeps/${sweep!.id}`,
    );
    expect(detail.sweep.status).toBe('cancelled');
    expect(detail.sweep.cancelled).toBeGreaterThanOrEqual(1);
    const stopped = detail.runs.filter((r) => r.result !== 'completed');
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    for (const run of stopped) {
      expect(run).toMatchObject({ result: 'failed', stopReason: 'cancelled' });
      expect(run.modelId).toBeUndefined();
    }
    // Every saved model belongs to a completed run: the cancelled one kept none.
    const { models } = await api<{ models: Array<{ runId?: string }> }>('/api/models');
    const completed = new Set(detail.runs.filter((r) => r.result === 'completed').map((r) => r.id));
    expect(models.length).toBe(completed.size);
    for (const m of models) expect(completed.has(m.runId ?? '')).toBe(true);
    expect(await table.getByText('cancelled').count()).toBeGreaterThanOrEqual(1);
    await second.close();
  }, 300_000);

  it('lists the sweep on the Sweeps page, extends it with only the new combination, and renames it', async () => {
    await page.goto(`${server.url}/#/sweeps`);
    const list = page.getByRole('table', { name: 'Sweeps' });
    await list.getByRole('link', { name: 'digits · pytorch · 4 runs' }).waitFor();
    await shots(page, 'sweeps-list');
    await list.getByRole('link', { name: 'digits · pytorch · 4 runs' }).click();
    await page.getByRole('heading', { name: 'digits · pytorch · 4 runs' }).waitFor();
    const [sweep] = (await api<{ sweeps: Array<{ id: string }> }>('/api/sweeps')).sweeps;
    expect(page.url()).toContain(`#/sweeps/${sweep!.id}`);
    const before = (await api<{ runs: Run[] }>(`/api/sweeps/${sweep!.id}`)).runs;

    await page.getByRole('button', { name: 'Extend…' }).click();
    const extend = page.getByRole('form', { name: 'Extend the sweep' });
    await extend.getByLabel('Epochs', { exact: true }).fill('60,80,100,120,5');
    await extend.getByRole('button', { name: 'Extend and train' }).click();
    await page.getByRole('heading', { name: 'digits · pytorch · 5 runs' }).waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await api<{ sweep: { status: string } }>(`/api/sweeps/${sweep!.id}`)).sweep.status, {
        timeout: 120_000,
      })
      .toBe('completed');
    const after = (await api<{ runs: Run[] }>(`/api/sweeps/${sweep!.id}`)).runs;
    // Exactly one more run, of the new combination: nothing else trained again.
    expect(after).toHaveLength(before.length + 1);
    expect(
      after.filter((r) => !before.some((b) => b.id === r.id)).map((r) => [r.epochs, r.combinationIndex]),
    ).toEqual([[5, 4]]);

    const labels = page.getByRole('form', { name: 'Name, tags and notes' });
    await labels.getByLabel('Name', { exact: true }).fill('digits depth search');
    await labels.getByLabel('Tags', { exact: true }).fill('e2e, digits');
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await page.getByRole('heading', { name: 'digits depth search' }).waitFor();
    const runs = page.getByRole('table', { name: 'Runs of digits depth search' });
    await runs.getByRole('button', { name: /Show loss curve of run 1/ }).click();
    await expect.poll(() => page.url()).toContain('run=1');
    await page.getByRole('img', { name: 'Loss curve of run #1' }).waitFor();
    await shots(page, 'sweep-detail');

    // The URL names the view: a fresh tab on it shows the same sweep and run.
    const shared = await context.newPage();
    await shared.goto(page.url());
    await shared.getByRole('heading', { name: 'digits depth search' }).waitFor();
    await shared.getByRole('img', { name: 'Loss curve of run #1' }).waitFor();
    await shared.close();
    await page.goto(`${server.url}/#/sweeps?tag=e2e`);
    await page
      .getByRole('table', { name: 'Sweeps' })
      .getByRole('link', { name: 'digits depth search' })
      .waitFor();
    expect(errors).toEqual([]);
  }, 300_000);
});
