import { errorMessage, MlApiError } from '@trainyard/core';
import { CommanderError } from 'commander';
import { type ConnectStudio, connectStudio } from './client/connectStudio.js';
import type { StudioClient } from './client/studioClient.js';
import type { CliIo } from './cliIo.js';
import { colorsFor } from './colors.js';
import type { CommandContext } from './commandContext.js';
import { EXIT, exitCodeFor } from './exitCodes.js';
import { buildProgram, type RunAction } from './program/buildProgram.js';
import { studioTarget } from './program/studioTarget.js';
import { CLI_VERSION } from './version.js';

export interface RunCliDeps {
  /** Opens the studio the global flags name; tests pass a fake. */
  connect?: ConnectStudio;
}

/**
 * Runs one `trainyard` command line and resolves with its exit code (never calls process.exit).
 * @example const code = await runCli(['sweep', '--framework', 'pytorch', '--dataset', 'iris'], nodeIo());
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: RunCliDeps = {}): Promise<number> {
  const connect = deps.connect ?? connectStudio;
  const colors = colorsFor(io);
  let exitCode: number = EXIT.ok;
  let opened: Promise<StudioClient> | undefined;

  const run: RunAction = async (globals, work) => {
    const ctx: CommandContext = {
      io,
      colors,
      studio: () => {
        opened ??= Promise.resolve().then(() => {
          const target = studioTarget(globals, io.env);
          // Ctrl-C aborts every request at once (a server that never answers included).
          if (io.signal) target.signal = io.signal;
          return connect(target);
        });
        return opened;
      },
    };
    exitCode = await work(ctx);
  };
  const program = buildProgram({
    version: CLI_VERSION,
    run,
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version exit 0; unknown options, missing arguments and the like are bad input.
      exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    } else {
      exitCode = exitCodeFor(err);
      if (!(exitCode === EXIT.interrupted && io.signal?.aborted)) {
        io.stderr.write(`${colors.red('error:')} ${errorMessage(err)}${hintFor(err)}\n`);
      }
    }
  } finally {
    if (opened) {
      await opened.then(
        (client) => client.close(),
        () => undefined,
      );
    }
  }
  return exitCode;
}

/** What the CLI user can do about an error the server words for HTTP clients. */
function hintFor(err: unknown): string {
  // A 403 (another Host name, a cross-site write) is not about the token: its message says what to do.
  if (err instanceof MlApiError && err.code === 'UNAUTHORIZED' && err.status !== 403)
    return ' (pass --token <token> or set TRAINYARD_TOKEN)';
  return '';
}
