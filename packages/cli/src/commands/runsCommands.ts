import {
  type Framework,
  RUN_PARAMS,
  type RunFilter,
  type RunParam,
  type RunRangeFilter,
  runMatches,
} from '@trainyard/core';

import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { describeTags, tagsPatchOf } from '../format/labels.js';
import { formatRunTable } from '../format/runTable.js';

export interface RunsListOptions {
  sweep?: string;
  framework?: string;
  dataset?: string;
  minScore?: string;
  maxScore?: string;
  /** `name=value`, e.g. `learningRate=0.01`. */
  param?: string;
  /** Only runs carrying this tag. */
  tag?: string;
  json?: boolean;
}

const finite = (flag: string, text: string): number => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new CliError(`${flag}: must be a number: ${text}`);
  return n;
};

/** The score range and hyperparameter filter of `runs list`, checked; applied here with core's runMatches. */
export function rangeFilterOf(options: RunsListOptions): RunRangeFilter {
  const f: RunRangeFilter = {};
  if (options.minScore !== undefined) f.minScore = finite('--min-score', options.minScore);
  if (options.maxScore !== undefined) f.maxScore = finite('--max-score', options.maxScore);
  if (options.param !== undefined) {
    const [name = '', value = ''] = options.param.split('=');
    if (!(RUN_PARAMS as readonly string[]).includes(name)) {
      throw new CliError(`--param: name=value with a name among ${RUN_PARAMS.join(', ')}: ${options.param}`);
    }
    f.param = name as RunParam;
    f.value = finite('--param', value);
  }
  return f;
}

/**
 * `trainyard runs list`: the stored run history, newest first, with each run's sweep, run number,
 * kind, time, duration, name and tags; filtered by framework, dataset, sweep, tag, score range and a
 * hyperparameter.
 */
export async function listRuns(options: RunsListOptions, ctx: CommandContext): Promise<ExitCode> {
  const range = rangeFilterOf(options);
  const filter: RunFilter = {};
  if (options.framework !== undefined) {
    if (options.framework !== 'pytorch' && options.framework !== 'tensorflow') {
      throw new CliError(`--framework: Framework must be pytorch or tensorflow: ${options.framework}`);
    }
    filter.framework = options.framework as Framework;
  }
  if (options.dataset) filter.datasetId = options.dataset;
  if (options.sweep) filter.sweepId = options.sweep;
  if (options.tag !== undefined) {
    const tag = options.tag.trim();
    if (tag === '') throw new CliError(`--tag: must not be empty: "${options.tag}"`);
    filter.tag = tag;
  }
  const runs = (await (await ctx.studio()).listRuns(filter)).filter((r) => runMatches(r, range));
  if (options.json) writeJson(ctx, runs);
  else writeLine(ctx, formatRunTable(runs, { colors: ctx.colors, showContext: true }));
  return EXIT.ok;
}

/** `trainyard runs rename <id> <name>`: a run's name (an empty name clears it). */
export async function renameRun(
  id: string,
  name: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const run = await (await ctx.studio()).labelRun(id, { name });
  if (options.json) writeJson(ctx, run);
  else note(ctx, run.name ? `Run ${run.id} is now "${run.name}"` : `Run ${run.id} has no name`);
  return EXIT.ok;
}

/** `trainyard runs tag <id> [tags]`: replaces the tags (comma separated; none clears them), and the notes with --notes. */
export async function tagRun(
  id: string,
  tags: string | undefined,
  options: { notes?: string; json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const run = await (await ctx.studio()).labelRun(id, tagsPatchOf(tags, options.notes));
  if (options.json) writeJson(ctx, run);
  else note(ctx, describeTags('Run', run));
  return EXIT.ok;
}
