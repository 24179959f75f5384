import type { Framework, RunFilter } from '@trainyard/core';

import { type CommandContext, writeJson, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { formatRunTable } from '../format/runTable.js';

export interface RunsListOptions {
  sweep?: string;
  framework?: string;
  dataset?: string;
  json?: boolean;
}

/** `trainyard runs list`: the stored run history, newest first, optionally filtered. */
export async function listRuns(options: RunsListOptions, ctx: CommandContext): Promise<ExitCode> {
  const filter: RunFilter = {};
  if (options.framework !== undefined) {
    if (options.framework !== 'pytorch' && options.framework !== 'tensorflow') {
      throw new CliError(`--framework: Framework must be pytorch or tensorflow: ${options.framework}`);
    }
    filter.framework = options.framework as Framework;
  }
  if (options.dataset) filter.datasetId = options.dataset;
  if (options.sweep) filter.sweepId = options.sweep;
  const runs = await (await ctx.studio()).listRuns(filter);
  if (options.json) writeJson(ctx, runs);
  else writeLine(ctx, formatRunTable(runs, { colors: ctx.colors, showContext: true }));
  return EXIT.ok;
}
