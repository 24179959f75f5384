// The web e2e suites' studio: the built server with a temporary home, Debian's chromium, one page
// that records page errors, JSON reads of the API, and full-page screenshots at 1440 and 390 px.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { type ServerProcess, startServerProcess } from './serverHarness.js';

export const SHOTS = 'test-output/screenshots';

export interface WebStudio {
  server: ServerProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors seen so far (a test ends by expecting none). */
  errors: string[];
  /** GET `path` on the server, parsed. */
  api<T>(path: string): Promise<T>;
  /** Full-page screenshots of `p` (default the page) at 1440 and 390 px wide: `${name}-1440px.png`. */
  shots(name: string, p?: Page): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server and the browser; `close()` stops both and removes the home. */
export async function startWebStudio(prefix: string): Promise<WebStudio> {
  mkdirSync(SHOTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServerProcess({
    HOST: '127.0.0.1',
    TRAINYARD_HOME: join(tmp, 'home'),
    TRAINYARD_TOKEN: '',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return {
    server,
    browser,
    context,
    page,
    errors,
    api: async <T>(path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<T>,
    async shots(name, p = page) {
      for (const width of [1440, 390]) {
        await p.setViewportSize({ width, height: 900 });
        await p.screenshot({ path: join(SHOTS, `${name}-${width}px.png`), fullPage: true });
      }
      await p.setViewportSize({ width: 1440, height: 900 });
    },
    async close() {
      await browser.close();
      await server.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
