import { Command } from 'commander';
import { DEFAULT_TIMEOUT_SECONDS } from '../client/connectStudio.js';
import type { CommandContext } from '../commandContext.js';
import { EXIT_CODES_HELP, type ExitCode } from '../exitCodes.js';
import { registerDatasets } from './registerDatasets.js';
import { registerDistill } from './registerDistill.js';
import { registerModels, registerPredict, registerRuns } from './registerHistory.js';
import { registerServe } from './registerServe.js';
import { registerSweep } from './registerSweep.js';
import { registerWorker } from './registerWorker.js';
import type { GlobalFlags } from './studioTarget.js';

/** How a command action hands its work to the runner: which studio, then the command itself. */
export type RunAction = (
  globals: GlobalFlags,
  work: (ctx: CommandContext) => Promise<ExitCode>,
) => Promise<void>;

export interface ProgramOptions {
  version: string;
  run: RunAction;
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

/**
 * The `trainyard` command tree (commander). Actions only parse; each calls a command function
 * of the programmatic API through `run`, which opens the studio and maps errors to exit codes.
 */
export function buildProgram(options: ProgramOptions): Command {
  const program = new Command('trainyard')
    .description('Trainyard: train, compare and distil tabular models with PyTorch and TensorFlow.js')
    .version(options.version)
    .option(
      '--home <dir>',
      'data directory of the embedded studio (env TRAINYARD_HOME, default ./.trainyard)',
    )
    .option(
      '--server <url>',
      'use a running studio server instead of the embedded one (env TRAINYARD_SERVER)',
    )
    .option(
      '--token <token>',
      'bearer token for the server, or the one `serve` requires (env TRAINYARD_TOKEN)',
    )
    .option(
      '--timeout <seconds>',
      `with --server: seconds to wait for the server to connect and answer (default ${DEFAULT_TIMEOUT_SECONDS})`,
    )
    .configureOutput({ writeOut: options.writeOut, writeErr: options.writeErr })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerServe(program, options.run);
  registerWorker(program, options.run);
  registerDatasets(program, options.run);
  registerSweep(program, options.run);
  registerDistill(program, options.run);
  registerRuns(program, options.run);
  registerModels(program, options.run);
  registerPredict(program, options.run);
  program.addHelpText('afterAll', `\n${EXIT_CODES_HELP}`);
  return program;
}

/** The global flags as seen from inside a subcommand's action. */
export function globalsOf(cmd: Command): GlobalFlags {
  return cmd.optsWithGlobals<GlobalFlags>();
}
