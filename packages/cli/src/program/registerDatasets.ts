import type { Command } from 'commander';
import {
  type AddDatasetOptions,
  addDataset,
  listDatasets,
  removeDataset,
  renameDataset,
  showDataset,
} from '../commands/datasetsCommands.js';
import { globalsOf, type RunAction } from './buildProgram.js';

export function registerDatasets(program: Command, run: RunAction): void {
  const datasets = program.command('datasets').description('list, preview and import datasets');
  datasets
    .command('list')
    .description('the dataset manifest: built-in and imported datasets')
    .option('--json', 'print the manifest as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => listDatasets(opts, ctx));
    });
  datasets
    .command('show <id>')
    .description("a dataset's manifest entry and its first rows")
    .option('--rows <n>', 'rows to preview, 0-1000', '10')
    .option('--json', 'print { dataset, rows } as JSON')
    .action(async (id: string, opts: { rows?: string; json?: boolean }, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => showDataset(id, opts, ctx));
    });
  datasets
    .command('add <file>')
    .description('import a CSV file (header row first); nothing is kept if the file has an error')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--name <name>', 'display name (default: the file name)')
    .option('--task <task>', 'classification or regression (default: inferred from the target)')
    .option('--json', 'print the new manifest entry as JSON')
    .action(async (file: string, opts: AddDatasetOptions, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => addDataset(file, opts, ctx));
    });
  datasets
    .command('rm <id>')
    .description('delete an uploaded dataset (built-ins stay); --force when runs were trained on it')
    .option('--force', 'delete it even though runs were trained on it (they and their models stay)')
    .action(async (id: string, opts: { force?: boolean }, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => removeDataset(id, opts, ctx));
    });
  datasets
    .command('rename <id> <name>')
    .description('give an uploaded dataset a new display name (its id stays)')
    .action(async (id: string, name: string, _opts: unknown, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => renameDataset(id, name, ctx));
    });
}
