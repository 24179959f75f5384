// Dataset management and the run/model lineage pages in a real browser (Debian's chromium via
// playwright-core) against the built server: a non-CSV file refused, an upload renamed, recognised
// when uploaded again, and deleted (asked first once a run used it); runs and models with their
// sweep and run; the compressed, split build; screenshots at 1440 px and 390 px.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { call, type ServerProcess, startServerProcess } from './serverHarness.js';

const SHOTS = 'test-output/screenshots';
const CLIENT = { 'X-Trainyard-Client': 'e2e' };

describe('datasets, runs and models in chromium', () => {
  let server: ServerProcess;
  let context: BrowserContext;
  let page: Page;
  const tmp = mkdtempSync(join(tmpdir(), 'trainyard-web-datasets-'));
  const errors: string[] = [];
  const scripts: string[] = [];

  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const csv = [
    'a,b,label',
    ...Array.from({ length: 24 }, (_, i) => `${i},${(i * 0.1234567891).toFixed(10)},${i % 2 ? 'yes' : 'no'}`),
  ].join('\n');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({
      HOST: '127.0.0.1',
      TRAINYARD_HOME: join(tmp, 'home'),
      TRAINYARD_TOKEN: '',
    });
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('serves the build compressed and cached, and the first page loads no other page', async () => {
    await page.goto(`${server.url}/#/datasets`);
    await page.getByRole('button', { name: /^Iris/ }).waitFor();
    expect(scripts.some((s) => /RunsPage|TrainingPage|ModelsPage/.test(s))).toBe(false);
    const [entry] = scripts;
    const res = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('refuses a PNG as "not a text CSV" and says an empty file is empty', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    await page.getByLabel('CSV file').setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: png });
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/cat\.png: The file is not a text CSV: it looks like a PNG image/);
    expect(await page.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true);
    await shot('datasets-not-csv-1440px');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect.poll(() => alert.textContent()).toMatch(/empty\.csv: The CSV file is empty/);
    // The server refuses the same bytes with the same rule (a client that skips the picker).
    const refused = await fetch(`${server.url}/api/datasets?name=pic&target=label`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...CLIENT },
      body: png,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^The file is not a text CSV/,
    );
  });

  it('uploads, shows column summaries and stored numbers, renames, and offers the same file as the existing dataset', async () => {
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('Added tiny: 24 rows.').waitFor();
    const summaries = page.getByRole('table', { name: /Columns/ });
    await summaries.getByRole('img', { name: 'Histogram of a' }).waitFor();
    expect(await summaries.getByText(/2 categories: no \(12\), yes \(12\)/).count()).toBe(1);
    const rows = page.getByRole('region', { name: 'Dataset rows' });
    await rows.getByRole('cell', { name: '0.1234567891', exact: true }).waitFor();
    await shot('datasets-summary-1440px');

    await page.getByLabel('Name', { exact: true }).fill('Tiny renamed');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('button', { name: /^Tiny renamed/ }).waitFor();

    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Use Tiny renamed' }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload anyway' }).count()).toBe(1);
  });

  it('asks before deleting a dataset a run was trained on, then deletes it', async () => {
    const { body: manifest } = await call<{ datasets: Array<{ id: string; name: string }> }>(
      'GET',
      `${server.url}/api/datasets`,
    );
    const tiny = manifest.datasets.find((d) => d.name === 'Tiny renamed')!;
    const train = await call('POST', `${server.url}/api/pytorch/train`, {
      datasetId: tiny.id,
      epochs: 2,
      batchSize: 8,
      learningRate: 0.01,
      testSize: 0.25,
      hiddenDim: 8,
      numHiddenLayers: 1,
      dropout: 0,
    });
    expect(train.status).toBe(200);
    await page.getByRole('button', { name: /^Tiny renamed/ }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page
      .getByText('1 run was trained on Tiny renamed; they and their models stay.', { exact: false })
      .waitFor();
    await shot('datasets-delete-1440px');
    await page.getByRole('button', { name: 'Delete dataset' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Tiny renamed/ }).count()).toBe(0);
    expect((await fetch(`${server.url}/api/datasets/${tiny.id}`)).status).toBe(404);
  });

  it('shows runs with their kind and the delete confirmation in view at 1440 px, and models with their run', async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Runs', exact: true })
      .click();
    const runs = page.getByRole('table', { name: 'Stored runs' });
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(1);
    expect(await runs.getByRole('cell', { name: 'single run' }).count()).toBe(1);
    await runs.getByRole('button', { name: 'Delete run 1' }).click();
    const confirm = runs.getByRole('button', { name: 'Confirm delete run 1' });
    const box = (await confirm.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    expect(await runs.getByRole('checkbox', { name: 'and its model' }).isVisible()).toBe(true);
    await shot('runs-delete-1440px');
    await runs.getByRole('button', { name: 'Keep run 1' }).click();

    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Models', exact: true })
      .click();
    const models = page.getByRole('table', { name: 'Saved models' });
    await expect.poll(() => models.locator('tbody tr').count()).toBe(1);
    expect(await models.getByText(/^run \S+$/).count()).toBe(1);
    await shot('models-1440px');
  });

  it('stays readable at 390 px: the datasets page with its upload form, runs and models', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [route, name] of [
      ['datasets', 'datasets-390px'],
      ['runs', 'runs-390px'],
      ['models', 'models-390px'],
    ] as const) {
      await page.goto(`${server.url}/#/${route}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (route === 'datasets') {
        const file = (await page.getByLabel('CSV file').boundingBox())!;
        expect(file.width).toBeGreaterThan(200);
      }
      await shot(name);
    }
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});
