// The built `trainyard` binary as a real subprocess, for the CLI e2e suites.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const CLI_BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node packages/cli/dist/bin.js ...args` with TRAINYARD_HOME set to `home`, colours off. */
export function runTrainyard(home: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { ...process.env, TRAINYARD_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON a successful command printed on stdout. */
export function parseJson<T>(result: CliResult): T {
  expect(result.stderr).not.toContain('error:');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}
