import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfBackendName = 'wasm' | 'cpu';

export interface TfRuntimeInfo {
  [key: string]: string | number | boolean;
  backend: string;
  tfjs: string;
  simd: boolean;
}

/** Directory holding the package's .wasm binaries; read from disk, nothing is downloaded. */
export function wasmBinaryDir(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
}

/**
 * Selects the TF.js backend for this thread. The wasm backend uses its SIMD build when the runtime
 * validates SIMD (Node 20 does). The multi-threaded build is not usable in Node 20: emscripten spawns
 * its pthreads from `blob:` URLs, which node:worker_threads rejects (ERR_WORKER_PATH). Parallelism comes
 * from one worker thread per slot instead.
 *
 * @example
 * await initTensorflow('wasm'); // { backend: 'wasm', simd: true, tfjs: '4.22.0' }
 */
export async function initTensorflow(backend: TfBackendName = 'wasm'): Promise<TfRuntimeInfo> {
  if (backend === 'wasm') setWasmPaths(wasmBinaryDir());
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`TensorFlow.js backend '${backend}' failed to initialise`);
  await tf.ready();
  const simd = backend === 'wasm' && Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { backend: tf.getBackend(), tfjs: tf.version.tfjs, simd };
}
