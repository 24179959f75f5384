import { mkdir } from 'node:fs/promises';
import { extractZip, ZipRefusedError } from '../client/extractZip.js';
import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { formatModelTable } from '../format/modelTable.js';

/** `trainyard models list`: every saved model, trained and distilled. */
export async function listModels(options: { json?: boolean }, ctx: CommandContext): Promise<ExitCode> {
  const models = await (await ctx.studio()).listModels();
  if (options.json) writeJson(ctx, models);
  else writeLine(ctx, formatModelTable(models, ctx.colors));
  return EXIT.ok;
}

/**
 * `trainyard models export <id> <dir>`: the model files plus metadata.json (preprocessing) into
 * `dir`, ready for the framework's own loader (torch.jit.load / tf.loadLayersModel).
 */
export async function exportModel(id: string, dir: string, ctx: CommandContext): Promise<ExitCode> {
  const zip = await (await ctx.studio()).downloadModel(id);
  await mkdir(dir, { recursive: true });
  let files: string[];
  try {
    files = await extractZip(zip, dir);
  } catch (err) {
    if (err instanceof ZipRefusedError) throw new CliError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`${dir} already holds this model's files; export into an empty directory`);
    }
    throw new CliError(
      `The model archive could not be unpacked into ${dir}: ${(err as Error).message}; nothing was kept`,
    );
  }
  note(ctx, ctx.colors.green(`Exported model ${id} to ${dir}`));
  for (const file of files) writeLine(ctx, file);
  return EXIT.ok;
}

/** `trainyard models rm <id>`. */
export async function removeModel(id: string, ctx: CommandContext): Promise<ExitCode> {
  await (await ctx.studio()).deleteModel(id);
  note(ctx, `Deleted model ${id}`);
  return EXIT.ok;
}
