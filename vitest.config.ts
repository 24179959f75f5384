import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests import sibling packages from source, so they need no build; anything that crosses
// a process or thread boundary (workers, subprocesses, e2e) runs the built `dist/` instead.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const alias = {
  // Before '@trainyard/core', which would otherwise claim the subpath as a prefix.
  '@trainyard/core/testing': fileURLToPath(new URL('./packages/core/src/testFixtures.ts', import.meta.url)),
  '@trainyard/core': src('core'),
  '@trainyard/trainers': src('trainers'),
  '@trainyard/server': src('server'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/{core,trainers,server,cli}/src/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
