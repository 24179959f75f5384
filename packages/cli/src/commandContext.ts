import type { StudioClient } from './client/studioClient.js';
import type { CliIo } from './cliIo.js';
import type { Colors } from './colors.js';

/** What every command function gets: where to write, and the studio, opened on first use. */
export interface CommandContext {
  io: CliIo;
  colors: Colors;
  /** Opens (once) the studio the global flags name; commands validate their input before calling it. */
  studio(): Promise<StudioClient>;
}

/** Writes a JSON document on stdout: the only thing `--json` commands print there. */
export function writeJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(ctx: CommandContext, text: string): void {
  ctx.io.stdout.write(`${text}\n`);
}

export function note(ctx: CommandContext, text: string): void {
  ctx.io.stderr.write(`${text}\n`);
}

/** Resolves once the user interrupts (Ctrl-C or SIGTERM reach `io.signal`); at once without a signal. */
export function untilInterrupted(ctx: CommandContext): Promise<void> {
  return new Promise<void>((resolve) => {
    const signal = ctx.io.signal;
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
