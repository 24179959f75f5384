import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { DatasetUpload, TaskKind } from '@trainyard/core';
import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { formatDatasetInfo, formatDatasetRows, formatDatasetTable } from '../format/datasetTable.js';
import { parseInteger } from '../sweep/sweepFlags.js';

/** `trainyard datasets list`: the manifest, built-in and imported. */
export async function listDatasets(options: { json?: boolean }, ctx: CommandContext): Promise<ExitCode> {
  const datasets = await (await ctx.studio()).listDatasets();
  if (options.json) writeJson(ctx, datasets);
  else writeLine(ctx, formatDatasetTable(datasets, ctx.colors));
  return EXIT.ok;
}

export const MAX_PREVIEW_ROWS = 1000;

/** `trainyard datasets show <id> [--rows N]`: the manifest entry and its first N rows (none with 0). */
export async function showDataset(
  id: string,
  options: { rows?: string; json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const limit = parseInteger(options.rows ?? '10', 0, MAX_PREVIEW_ROWS);
  if (limit === undefined)
    throw new CliError(`--rows: Rows must be an integer in [0, ${MAX_PREVIEW_ROWS}]: ${options.rows}`);
  const client = await ctx.studio();
  const dataset = await client.getDataset(id);
  // The rows route takes a limit of at least 1: `--rows 0` asks for the manifest entry alone.
  const rows = limit > 0 ? await client.getDatasetRows(id, { offset: 0, limit }) : undefined;
  if (options.json) {
    writeJson(ctx, rows ? { dataset, rows } : { dataset });
    return EXIT.ok;
  }
  writeLine(ctx, formatDatasetInfo(dataset));
  if (rows) writeLine(ctx, formatDatasetRows(rows));
  return EXIT.ok;
}

export interface AddDatasetOptions {
  target?: string;
  name?: string;
  task?: string;
  json?: boolean;
}

/**
 * `trainyard datasets add <file.csv> --target <col>`: imports a CSV into the studio. The studio
 * checks the file (ragged rows, non-numeric values, a single class…) and keeps nothing on error.
 */
export async function addDataset(
  file: string,
  options: AddDatasetOptions,
  ctx: CommandContext,
): Promise<ExitCode> {
  const target = options.target?.trim();
  if (!target) throw new CliError('--target: the target column is required');
  if (options.task !== undefined && options.task !== 'classification' && options.task !== 'regression') {
    throw new CliError(`--task: Task must be classification or regression: ${options.task}`);
  }
  let csv: Buffer;
  try {
    csv = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`);
  }
  const upload: DatasetUpload = { target, name: options.name?.trim() || basename(file, extname(file)) };
  if (options.task) upload.task = options.task as TaskKind;
  const dataset = await (await ctx.studio()).uploadDataset(new Uint8Array(csv), upload);
  if (options.json) {
    writeJson(ctx, dataset);
    return EXIT.ok;
  }
  note(ctx, ctx.colors.green(`Added dataset ${dataset.id}`));
  writeLine(ctx, formatDatasetInfo(dataset));
  return EXIT.ok;
}

/**
 * `trainyard datasets rm <id> [--force]`: deletes an uploaded dataset. One that runs were trained
 * on is kept unless `--force` (the runs and their models stay either way); built-ins cannot go.
 */
export async function removeDataset(
  id: string,
  options: { force?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const client = await ctx.studio();
  const dataset = await client.getDataset(id);
  if (dataset.builtIn) throw new CliError(`Dataset ${id} is built in and cannot be deleted`);
  const used = (await client.listRuns({ datasetId: id })).length;
  if (used > 0 && !options.force) {
    throw new CliError(
      `Dataset ${id} is used by ${used} run${used === 1 ? '' : 's'}; add --force to delete it (the runs and their models stay)`,
    );
  }
  await client.deleteDataset(id, { force: used > 0 });
  note(ctx, ctx.colors.green(`Deleted dataset ${id}`));
  return EXIT.ok;
}

/** `trainyard datasets rename <id> <name>`: a new display name (the id stays). */
export async function renameDataset(id: string, name: string, ctx: CommandContext): Promise<ExitCode> {
  const dataset = await (await ctx.studio()).renameDataset(id, name);
  note(ctx, ctx.colors.green(`Renamed dataset ${id} to "${dataset.name}"`));
  return EXIT.ok;
}
