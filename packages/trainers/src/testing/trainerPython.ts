/** Test helper: a python snippet run against the trainer's own modules (packages/trainers/python). */
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { DEFAULT_PYTHON, TRAINER_SCRIPT } from '../pytorch/trainerScript.js';

/** Runs `script` with the trainer's modules importable and one torch thread; returns what it printed as JSON. */
export function runTrainerPython<T>(script: string, args: string[] = []): T {
  const stdout = execFileSync(DEFAULT_PYTHON, ['-c', script, ...args], {
    cwd: dirname(TRAINER_SCRIPT),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: '1' },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as T;
}
