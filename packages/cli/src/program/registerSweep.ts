import type { Command } from 'commander';
import {
  attachSweep,
  cancelSweep,
  resumeSweep,
  runSweep,
  type SweepOptions,
} from '../commands/sweepCommands.js';
import { SWEEP_DEFAULTS } from '../sweep/sweepFlags.js';
import { globalsOf, type RunAction } from './buildProgram.js';

const SWEEP_HELP = `
Lists are comma separated ("10,20,50"); one model is trained per combination (Cartesian product).
Without --server the sweep runs in this process and is stored under --home; Ctrl-C cancels it
(resume later with \`trainyard sweep resume <id>\`). With --server it runs on that server:
Ctrl-C only detaches, and \`trainyard sweep attach <id> --server URL\` re-attaches.
Exit code 1 when the sweep does not complete or every run failed.

Example:
  trainyard sweep --framework pytorch --dataset iris --epochs 10,20 --batch-sizes 16,32`;

export function registerSweep(program: Command, run: RunAction): void {
  const sweep = program
    .command('sweep')
    .description('train one model per combination of hyperparameters and compare them')
    .option('--framework <name>', 'pytorch or tensorflow')
    .option(
      '--linear',
      'tensorflow only: the linear baseline (hidden dims, layers and dropout are not swept)',
    )
    .option('--dataset <id>', 'dataset id (see trainyard datasets list)')
    .option('--epochs <list>', 'epochs, integers 1-500', SWEEP_DEFAULTS.epochs)
    .option('--batch-sizes <list>', 'batch sizes, integers 1-200', SWEEP_DEFAULTS.batchSizes)
    .option('--learning-rates <list>', 'learning rates, in (0, 1]', SWEEP_DEFAULTS.learningRates)
    .option('--test-sizes <list>', 'test split fractions, in (0, 1)', SWEEP_DEFAULTS.testSizes)
    .option('--hidden-dims <list>', 'hidden units per layer, integers 8-500', SWEEP_DEFAULTS.hiddenDims)
    .option('--hidden-layers <list>', 'hidden layers, integers 1-15', SWEEP_DEFAULTS.hiddenLayers)
    .option('--dropouts <list>', 'dropout rates, in [0, 0.9]', SWEEP_DEFAULTS.dropouts)
    .option('--seed <n>', 'seed for splits, initialisation and shuffling (default 42)')
    .option('--concurrency <n>', 'combinations trained at once (default: the number of cores)')
    .option('--json', 'print only the stored rows as a JSON array on stdout')
    .addHelpText('after', SWEEP_HELP)
    .action(async (opts: SweepOptions, cmd: Command) => {
      const globals = { ...globalsOf(cmd) };
      if (opts.concurrency !== undefined) globals.concurrency = opts.concurrency;
      await run(globals, (ctx) => runSweep(opts, ctx));
    });
  sweep
    .command('attach <id>')
    .description('follow a sweep running on a server (or show a finished one) and print its rows')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      // --json belongs to `sweep`: commander hands options to the parent unless positional.
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      await run(globalsOf(cmd), (ctx) => attachSweep(id, { json }, ctx));
    });
  sweep
    .command('resume <id>')
    .description('train the combinations of a cancelled or interrupted sweep that have no completed row')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      // --json belongs to `sweep`: commander hands options to the parent unless positional.
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      await run(globalsOf(cmd), (ctx) => resumeSweep(id, { json }, ctx));
    });
  sweep
    .command('cancel <id>')
    .description('stop a running sweep (on a server: --server URL); finished rows stay stored')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      await run(globalsOf(cmd), (ctx) => cancelSweep(id, { json }, ctx));
    });
}
