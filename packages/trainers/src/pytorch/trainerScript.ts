import { fileURLToPath } from 'node:url';

/**
 * The python trainer lives in packages/trainers/python/, outside src/ and dist/; both
 * src/pytorch/ and dist/pytorch/ sit two levels below the package root, so one relative URL
 * finds it whether the code runs from source (tests) or from the build.
 */
export const TRAINER_SCRIPT = fileURLToPath(new URL('../../python/trainer.py', import.meta.url));

/** The python used when neither the options nor TRAINYARD_PYTHON name one: Debian's, which has python3-torch. */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** Environment that pins every thread pool torch may use to `threads`, so parallel slots do not oversubscribe. */
export function trainerEnv(threads: number, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const n = String(threads);
  return {
    ...base,
    OMP_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    TRAINYARD_TORCH_THREADS: n,
    // Spinning OpenMP threads collapse when cores are shared (measured here: 2 threads on a busy
    // 2-core machine went from ~72k to ~2k samples/s); sleeping waiters keep parallel slots fair.
    OMP_WAIT_POLICY: base.OMP_WAIT_POLICY ?? 'PASSIVE',
    PYTHONUNBUFFERED: '1',
    // Keep __pycache__ out of the package folder (it may be read-only or under version control).
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
