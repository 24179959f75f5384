/** Where a command writes and what it knows about its terminal; tests pass plain objects. */
export interface CliWriter {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: CliWriter;
  /** Progress, notes and errors go here, so `--json` output on stdout stays machine-readable. */
  stderr: CliWriter;
  env: Record<string, string | undefined>;
  /** Both streams are an interactive terminal: progress bars and colours only then (not when piped). */
  isTTY: boolean;
  /** Aborted on Ctrl-C: long commands detach, cancel or shut down and return exit code 130. */
  signal?: AbortSignal;
}

/** The real process streams, for `bin.ts`. */
export function nodeIo(signal?: AbortSignal): CliIo {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
  };
  if (signal) io.signal = signal;
  return io;
}
