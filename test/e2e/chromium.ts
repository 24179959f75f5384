import { join } from 'node:path';
import type { Page } from 'playwright-core';

// How the e2e suites start a browser: Debian's chromium (never a downloaded one), headless and quiet.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const SCREENSHOTS_DIR = 'test-output/screenshots';

/**
 * Full-page screenshots of `page` at 1440 px and 390 px wide (`<name>-<width>px.png`), back to
 * 1440 px after; `settleMs` gives width-following charts time to redraw.
 */
export async function screenshotsAtWidths(page: Page, name: string, settleMs = 0): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (settleMs) await page.waitForTimeout(settleMs);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${width}px.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  if (settleMs) await page.waitForTimeout(settleMs);
}
