import { readFile, writeFile } from 'node:fs/promises';
import { predictionsCsv } from '@trainyard/trainers';
import { type CommandContext, note, writeJson } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';

export interface PredictOptions {
  model?: string;
  out?: string;
  json?: boolean;
}

/**
 * `trainyard predict --model <id> data.csv [--out predictions.csv]`: the model's predictions for
 * every row of the CSV (header line first; extra columns such as the target are ignored), as CSV
 * on stdout or in --out, or the API's JSON answer with --json.
 */
export async function predict(file: string, options: PredictOptions, ctx: CommandContext): Promise<ExitCode> {
  const modelId = options.model?.trim();
  if (!modelId) throw new CliError('--model: the id of a saved model is required (trainyard models list)');
  let csv: string;
  try {
    csv = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`);
  }
  const result = await (await ctx.studio()).predict(modelId, { csv });
  if (options.json) {
    writeJson(ctx, result);
    return EXIT.ok;
  }
  const text = predictionsCsv(result);
  if (!options.out) {
    ctx.io.stdout.write(text);
    return EXIT.ok;
  }
  await writeFile(options.out, text);
  note(ctx, ctx.colors.green(`Wrote ${result.predictions.length} predictions to ${options.out}`));
  return EXIT.ok;
}
