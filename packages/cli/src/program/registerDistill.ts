import type { Command } from 'commander';
import { type DistillOptions, runDistill } from '../commands/distillCommand.js';
import { DISTILL_DEFAULTS } from '../commands/distillFlags.js';
import { globalsOf, type RunAction } from './buildProgram.js';

export function registerDistill(program: Command, run: RunAction): void {
  program
    .command('distill')
    .description("distil a saved model (the teacher) into a smaller student of the teacher's framework")
    .requiredOption('--teacher <modelId>', 'the teacher model (see trainyard models list)')
    .option('--hidden-dims <n>', 'student hidden units, 8-500', DISTILL_DEFAULTS.hiddenDims)
    .option('--hidden-layers <n>', 'student hidden layers, 1-15', DISTILL_DEFAULTS.hiddenLayers)
    .option('--temperature <t>', 'softmax temperature T, above 0', DISTILL_DEFAULTS.temperature)
    .option(
      '--alpha <a>',
      "weight on the teacher's soft targets, 0-1 (1 - alpha weighs the hard labels)",
      DISTILL_DEFAULTS.alpha,
    )
    .option('--epochs <n>', "student epochs (default: the teacher's)")
    .option('--batch-size <n>', "batch size (default: the teacher's)")
    .option('--learning-rate <lr>', "learning rate (default: the teacher's)")
    .option('--dropout <p>', 'student dropout, 0-0.9')
    .option('--seed <n>', 'seed for initialisation and shuffling')
    .option(
      '--compare-scratch',
      'also train the same student from scratch on the hard labels, to show what distillation bought',
    )
    .option('--json', 'print the result (metrics, student model, run row) as JSON')
    .action(async (opts: DistillOptions, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => runDistill(opts, ctx));
    });
}
