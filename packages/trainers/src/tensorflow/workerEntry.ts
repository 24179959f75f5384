import { existsSync } from 'node:fs';

/**
 * URL of the built worker entry. From dist/ it sits beside this module; when this module runs from
 * src/ (Vitest), the entry is the compiled twin in dist/, because worker threads cannot load .ts.
 */
export function tfWorkerUrl(): URL {
  const sibling = new URL('./tfWorker.js', import.meta.url);
  if (existsSync(sibling)) return sibling;
  const built = new URL('../../dist/tensorflow/tfWorker.js', import.meta.url);
  if (existsSync(built)) return built;
  throw new Error('The TensorFlow worker is not built: run `npx tsc -b packages/trainers` first');
}
