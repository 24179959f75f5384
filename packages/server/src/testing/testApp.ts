/** Unit-test harness: a real studio (temp SQLite store, real registry) over the fake engine. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_HEADER, type SweepFields } from '@trainyard/core';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type BuildAppOptions, buildApp } from '../http/buildApp.js';
import { createStudio, type Studio } from '../studio/createStudio.js';
import { createFakeLocalApi, type FakeOptions } from './fakeLocalApi.js';

export interface TestApp {
  app: FastifyInstance;
  studio: Studio;
  fake: ReturnType<typeof createFakeLocalApi>;
  home: string;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: Partial<Omit<BuildAppOptions, 'studio'>> & { fake?: Omit<FakeOptions, 'home'> } = {},
): Promise<TestApp> {
  const home = mkdtempSync(join(tmpdir(), 'trainyard-app-'));
  const fake = createFakeLocalApi({ home, ...opts.fake });
  const studio = await createStudio({ home, api: fake.api, concurrency: 2, onError: () => {} });
  const { fake: _fake, ...appOptions } = opts;
  const app = await buildApp({ studio, webRoot: join(home, 'no-web-build'), ...appOptions });
  return {
    app,
    studio,
    fake,
    home,
    async close() {
      await studio.close();
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * What the studio's own clients send on every request; a write without it (or a JSON/CSV content
 * type, or Authorization) is refused as one any website could send.
 */
export const CLIENT_HEADERS = { [CLIENT_HEADER]: 'test' } as const;

/** After a bad request the server must go on answering. */
export async function expectStillServing(
  app: FastifyInstance,
  headers: Record<string, string> = {},
): Promise<void> {
  const res = await app.inject({ url: '/api/health', headers });
  expect(res.statusCode).toBe(200);
}

export const trainBody = {
  datasetId: 'iris',
  epochs: 2,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 0.2,
  hiddenDim: 16,
  numHiddenLayers: 1,
  dropout: 0,
};

export const sweepBody: SweepFields = {
  framework: 'pytorch',
  datasetId: 'iris',
  epochValues: '2',
  batchSizes: '16, 32',
  learningRates: '0.01, 0.1',
  testSizes: '0.2',
  hiddenDims: '16',
  numHiddenLayers: '1',
  dropouts: '0',
};

/** Parses an SSE body into `{ event, data }` pairs (comments skipped). */
export function parseSse(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((l) => !l.startsWith(':') && l !== ''))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({
      event: lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message',
      data: JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '{}') as Record<
        string,
        unknown
      >,
    }));
}
