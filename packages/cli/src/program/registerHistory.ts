import type { Command } from 'commander';
import { exportModel, listModels, removeModel } from '../commands/modelsCommands.js';
import { type PredictOptions, predict } from '../commands/predictCommand.js';
import { listRuns, type RunsListOptions, renameRun, tagRun } from '../commands/runsCommands.js';
import { globalsOf, type RunAction } from './buildProgram.js';

export function registerRuns(program: Command, run: RunAction): void {
  const runs = program.command('runs').description('the stored run history');
  runs
    .command('list')
    .description('stored runs, newest first')
    .option('--sweep <id>', 'only the runs of this sweep')
    .option('--framework <name>', 'pytorch or tensorflow')
    .option('--dataset <id>', 'only runs on this dataset')
    .option('--min-score <x>', 'only runs scoring at least x')
    .option('--max-score <x>', 'only runs scoring at most x')
    .option('--param <name=value>', 'only runs with this hyperparameter value, e.g. learningRate=0.01')
    .option('--tag <tag>', 'only runs with this tag')
    .option('--json', 'print the stored runs as JSON')
    .action(async (opts: RunsListOptions, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => listRuns(opts, ctx));
    });
  runs
    .command('rename <id> <name>')
    .description('name a run ("" clears the name)')
    .option('--json', 'print the labelled run as JSON')
    .action(async (id: string, name: string, opts: { json?: boolean }, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => renameRun(id, name, opts, ctx));
    });
  runs
    .command('tag <id> [tags]')
    .description('set the tags of a run (comma separated; none clears them) and, with --notes, its notes')
    .option('--notes <text>', 'notes on the run ("" clears them)')
    .option('--json', 'print the labelled run as JSON')
    .action(
      async (
        id: string,
        tags: string | undefined,
        opts: { notes?: string; json?: boolean },
        cmd: Command,
      ) => {
        await run(globalsOf(cmd), (ctx) => tagRun(id, tags, opts, ctx));
      },
    );
}

export function registerModels(program: Command, run: RunAction): void {
  const models = program.command('models').description('saved models: list, export, delete');
  models
    .command('list')
    .description('saved models, trained and distilled')
    .option('--json', 'print the models as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => listModels(opts, ctx));
    });
  models
    .command('export <id> <dir>')
    .description('write the model files and metadata.json (preprocessing) into <dir>')
    .action(async (id: string, dir: string, _opts: unknown, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => exportModel(id, dir, ctx));
    });
  models
    .command('rm <id>')
    .description('delete a saved model and its files')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => removeModel(id, ctx));
    });
}

export function registerPredict(program: Command, run: RunAction): void {
  program
    .command('predict <file>')
    .description("a saved model's predictions for every row of a CSV file (header line first)")
    .option('--model <id>', 'the saved model (trainyard models list)')
    .option('--out <file>', 'write the predictions CSV here instead of stdout')
    .option('--json', 'print the API answer (predictions, probabilities, labels) as JSON')
    .action(async (file: string, opts: PredictOptions, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => predict(file, opts, ctx));
    });
}
