import { MlApiError } from '@trainyard/core';

/** Exit codes, documented in `trainyard --help`. */
export const EXIT = {
  ok: 0,
  /** A runtime failure: every run failed, the server answered with an error, an engine is missing. */
  failure: 1,
  /** Bad input: a flag value, an unknown id, a malformed CSV. Nothing ran. */
  badInput: 2,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    runtime failure (all runs failed, server or engine error)
  2    bad input (invalid flag value, unknown id, malformed CSV); nothing ran
  130  interrupted (Ctrl-C)`;

/** An expected CLI failure: its message is printed as is and the process exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT.badInput) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

const BAD_INPUT_CODES = new Set(['VALIDATION', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNAUTHORIZED']);

/** Exit code for anything a command threw: the user's mistakes are 2, everything else 1. */
export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof MlApiError) {
    if (err.code === 'CANCELLED') return EXIT.interrupted;
    return BAD_INPUT_CODES.has(err.code) ? EXIT.badInput : EXIT.failure;
  }
  return EXIT.failure;
}
