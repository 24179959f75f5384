import type { EngineStatus } from '../engine.js';
import { ProcessWorker } from '../workers/processWorker.js';
import { TRAINER_SCRIPT, trainerEnv } from './trainerScript.js';

export function unavailableMessage(python: string): string {
  return (
    `PyTorch is not available: ${python} cannot import torch. Install Debian's python3-torch and ` +
    'libopenblas0-pthread, or set TRAINYARD_PYTHON to a python with torch.'
  );
}

/**
 * Runs `trainer.py --probe` once: it imports torch and reports the version, the BLAS actually
 * loaded and the thread count, then exits. Never throws: a missing python or torch is a status.
 *
 * @example
 * const status = await probePython('/usr/bin/python3', 1);
 * status.available; // true with Debian's python3-torch
 */
export async function probePython(python: string, threads: number): Promise<EngineStatus> {
  const probe = new ProcessWorker({
    command: python,
    args: [TRAINER_SCRIPT, '--probe'],
    env: trainerEnv(threads),
    name: 'PyTorch probe',
  });
  try {
    await probe.start();
  } catch {
    await probe.stop();
    return { available: false, message: unavailableMessage(python) };
  }
  await probe.stop();
  const info = probe.readyInfo ?? {};
  const details = { python, ...info };
  return {
    available: true,
    message: `PyTorch ${info.torch ?? '?'} on ${info.blas ?? 'unknown BLAS'}`,
    details,
  };
}
