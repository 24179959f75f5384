// The studio in a real browser against the real server and engines: Debian's chromium driven by
// playwright-core (never a downloaded browser), the built server as a subprocess with a temporary
// data directory, screenshots of every page under test-output/screenshots/.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/trainers/src/testing/freePort.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const SHOTS = 'test-output/screenshots';

/** Starts `node packages/server/dist/main.js` and resolves with the URL it prints. */
function startServer(
  home: string,
  port: number,
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, ['packages/server/dist/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRAINYARD_HOME: home, TRAINYARD_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Trainyard studio: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, log: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe('web studio in chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let context: BrowserContext;
  let page: Page;
  const tmp = mkdtempSync(join(tmpdir(), 'trainyard-web-e2e-'));
  const errors: string[] = [];

  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const gotoPage = async (name: string) => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(name);
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(join(tmp, 'home'), await freePort());
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    if (server) await stopServer(server.child);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the datasets and the rows of iris', async () => {
    await page.goto(`${server.url}/#/datasets`);
    await page.getByRole('button', { name: /^Iris/ }).click();
    await expect
      .poll(() => page.getByRole('button', { name: /^Iris/ }).getAttribute('aria-pressed'))
      .toBe('true');
    const rows = page.getByRole('region', { name: 'Dataset rows' });
    await rows.getByRole('cell', { name: '5.1' }).first().waitFor();
    expect(await page.getByText('150 rows × 5 columns').count()).toBe(1);
    expect(await rows.getByRole('columnheader', { name: 'target (target)' }).count()).toBe(1);
    await shot('datasets');
  });

  it('uploads a CSV with the target picked from its header, and shows a malformed file’s error', async () => {
    const csv = [
      'a,b,label',
      ...Array.from({ length: 20 }, (_, i) => `${i},${i % 7},${i % 2 ? 'yes' : 'no'}`),
    ].join('\n');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const target = page.getByLabel('Target column');
    await expect.poll(() => target.locator('option').allTextContents()).toEqual(['a', 'b', 'label']);
    expect(await target.inputValue()).toBe('label');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Added tiny: 20 rows.').waitFor();
    expect(await page.getByRole('button', { name: /^tiny/ }).getAttribute('aria-pressed')).toBe('true');

    const ragged = 'a,b,label\n1,2,yes\n3,no\n';
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from(ragged) });
    await page.getByRole('button', { name: 'Upload' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/line 3/i);
    // The browser logs the expected 400 of the malformed upload; nothing else may be logged.
    expect(errors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
    await shot('datasets-upload');
  });

  it('trains a 2-combination PyTorch sweep after the epochs error is fixed, then distils the best run', async () => {
    await gotoPage('PyTorch');
    await page.getByLabel('Dataset', { exact: true }).selectOption('iris');
    const epochs = page.getByLabel('Epochs', { exact: true });
    await epochs.fill('0,10');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Epoch out of range (1-500): 0');
    expect(await page.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await shot('pytorch-validation');

    await epochs.fill('15,30');
    await page.getByLabel('Hidden dims', { exact: true }).fill('32');
    expect(await alert.count()).toBe(0);
    expect(await page.getByText('2 combinations').count()).toBe(1);
    await page.getByRole('button', { name: 'Start' }).click();

    const bar = page.getByRole('progressbar', { name: 'Sweep progress' });
    await expect.poll(() => bar.textContent(), { timeout: 120_000 }).toBe('2 / 2');
    const table = page.getByRole('table', { name: 'PyTorch runs of this sweep' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tbody tr.best').count()).toBe(1);
    expect(await table.getByText('completed').count()).toBe(2);
    await page.getByRole('img', { name: /Loss curve of run/ }).waitFor();
    await shot('pytorch');

    // Distil the best run (the panel's default teacher) into a small student and take it away.
    await page.getByLabel('Student epochs', { exact: true }).fill('15');
    await page.getByRole('button', { name: 'Distil', exact: true }).click();
    const result = page.getByRole('region', { name: 'Distillation result' });
    await result.waitFor({ timeout: 120_000 });
    expect(await result.getByText('Compression ratio').count()).toBe(1);
    expect(await result.getByRole('columnheader', { name: 'Teacher' }).count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByRole('link', { name: 'Download student model' }).click(),
    ]);
    const file = join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    expect(statSync(file).size).toBeGreaterThan(100);
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    await shot('pytorch-distillation');
  });

  it('trains a 2-combination TensorFlow linear-baseline sweep', async () => {
    await gotoPage('TensorFlow');
    // Keyboard only: Space toggles the switch, typing edits, Enter in an input submits the sweep.
    await page.getByLabel('Linear baseline').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Linear baseline').isChecked()).toBe(true);
    expect(await page.getByLabel('Hidden dims', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Dropouts', { exact: true }).isDisabled()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await page.getByLabel('Epochs', { exact: true }).getAttribute('id'),
    );
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('15,30');
    expect(await page.getByText('2 combinations').count()).toBe(1);
    await page.keyboard.press('Enter');
    const bar = page.getByRole('progressbar', { name: 'Sweep progress' });
    await expect.poll(() => bar.textContent(), { timeout: 120_000 }).toBe('2 / 2');
    const table = page.getByRole('table', { name: 'TensorFlow runs of this sweep' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.getByText('completed').count()).toBe(2);
    await shot('tensorflow');
  });

  it('lists the stored runs and models, and stays readable at 390 px', async () => {
    await gotoPage('Runs');
    const runs = page.getByRole('table', { name: 'Stored runs' });
    await expect.poll(() => runs.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    await page.getByLabel('Framework', { exact: true }).selectOption('tensorflow');
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(2);
    await shot('runs');

    await gotoPage('Models');
    const models = page.getByRole('table', { name: 'Saved models' });
    await expect.poll(() => models.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await models.getByText('distilled').count()).toBe(1);
    await shot('models');
    const before = await models.locator('tbody tr').count();
    await models
      .getByRole('button', { name: /^Delete model/ })
      .first()
      .click();
    await models.getByRole('button', { name: 'Confirm delete' }).click();
    await expect.poll(() => models.locator('tbody tr').count()).toBe(before - 1);

    await page.setViewportSize({ width: 390, height: 844 });
    await gotoPage('PyTorch');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('pytorch-390px');
  });

  it('scrolls the rows of a 1,000,000-row dataset to its last row with only a window of rows in the DOM', async () => {
    // The server registers a synthetic dataset the first time it is asked for.
    const id = 'synthetic-clf-1000000x10';
    expect((await fetch(`${server.url}/api/datasets/${id}/rows?limit=1`)).status).toBe(200);
    await page.setViewportSize({ width: 1280, height: 900 });
    // A hash change alone keeps the loaded manifest: reload so the new dataset is listed.
    await page.goto(`${server.url}/#/datasets`);
    await page.reload();
    await page.getByRole('button', { name: /1,000,000 × 10/ }).click();
    const region = page.getByRole('region', { name: 'Dataset rows' });
    await region.getByRole('cell', { name: '1', exact: true }).first().waitFor();
    let rowRequests = 0;
    page.on('request', (r) => {
      if (r.url().includes(`/api/datasets/${id}/rows`)) rowRequests++;
    });
    await region.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await region.getByRole('cell', { name: '1,000,000', exact: true }).waitFor();
    expect(await region.locator('tbody tr').count()).toBeLessThan(100);
    expect(rowRequests).toBeLessThanOrEqual(2);
    await shot('datasets-million-rows');
    expect(errors).toEqual([]);
  });
});
