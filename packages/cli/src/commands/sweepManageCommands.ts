import {
  describeOtherCounts,
  parseOrThrow,
  type SweepFields,
  SweepFilterSchema,
  sweepDisplayName,
} from '@trainyard/core';
import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import { describeTags, tagsPatchOf } from '../format/labels.js';
import { formatRunTable } from '../format/runTable.js';
import { formatSweepBest, formatSweepTable } from '../format/sweepTable.js';
import { followSweep } from '../sweep/followSweep.js';

export interface SweepListOptions {
  status?: string;
  framework?: string;
  dataset?: string;
  tag?: string;
  json?: boolean;
}

/** `trainyard sweep list`: every sweep (newest first), filtered like the Sweeps page. */
export async function listSweeps(options: SweepListOptions, ctx: CommandContext): Promise<ExitCode> {
  const filter = parseOrThrow(SweepFilterSchema, {
    status: options.status,
    framework: options.framework,
    datasetId: options.dataset,
    tag: options.tag,
  });
  const sweeps = await (await ctx.studio()).listSweeps(filter);
  if (options.json) writeJson(ctx, sweeps);
  else writeLine(ctx, formatSweepTable(sweeps, ctx.colors));
  return EXIT.ok;
}

/** `trainyard sweep show <id>`: what the sweep is, its counts and its run table. */
export async function showSweep(
  id: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const { sweep, runs } = await (await ctx.studio()).getSweep(id);
  if (options.json) {
    writeJson(ctx, { sweep, runs });
    return EXIT.ok;
  }
  const lines = [
    `${ctx.colors.bold(sweepDisplayName(sweep))} (${sweep.id})`,
    `status ${sweep.status}: ${sweep.done}/${sweep.total} combinations done${describeOtherCounts(sweep)}`,
    `dataset ${sweep.fields.datasetId}, ${sweep.fields.framework}${sweep.fields.mode === 'linear' ? ' (linear)' : ''}, created ${sweep.createdAt}${sweep.finishedAt ? `, finished ${sweep.finishedAt}` : ''}`,
    `best ${formatSweepBest(sweep)}`,
  ];
  if (sweep.tags?.length) lines.push(`tags ${sweep.tags.join(', ')}`);
  if (sweep.notes) lines.push(`notes ${sweep.notes}`);
  writeLine(ctx, lines.join('\n'));
  writeLine(ctx, formatRunTable(runs, { colors: ctx.colors, markBest: true }));
  return EXIT.ok;
}

/** `trainyard sweep rename <id> <name>`: an empty name restores the default one. */
export async function renameSweep(
  id: string,
  name: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const sweep = await (await ctx.studio()).labelSweep(id, { name });
  if (options.json) writeJson(ctx, sweep);
  else note(ctx, `Sweep ${sweep.id} is now "${sweepDisplayName(sweep)}"`);
  return EXIT.ok;
}

/** `trainyard sweep tag <id> [tags]`: replaces the tags (comma separated; none clears them), and the notes with --notes. */
export async function tagSweep(
  id: string,
  tags: string | undefined,
  options: { notes?: string; json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const sweep = await (await ctx.studio()).labelSweep(id, tagsPatchOf(tags, options.notes));
  if (options.json) writeJson(ctx, sweep);
  else note(ctx, describeTags('Sweep', sweep));
  return EXIT.ok;
}

/** `trainyard sweep rm <id> [--models]`: deletes a sweep that is not running, with its runs (and models). */
export async function removeSweep(
  id: string,
  options: { models?: boolean; json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const deleted = await (await ctx.studio()).deleteSweep(id, { models: Boolean(options.models) });
  if (options.json) writeJson(ctx, deleted);
  else
    note(
      ctx,
      `Deleted sweep ${id}: ${deleted.runs} runs${options.models ? `, ${deleted.models} models` : ' (their models are kept; --models deletes them too)'}`,
    );
  return EXIT.ok;
}

/** `trainyard sweep rerun <id>`: a new sweep with the same grid, followed. */
export async function rerunSweep(
  id: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const sweep = await (await ctx.studio()).rerunSweep(id);
  note(ctx, `Sweep ${sweep.id}: rerun of ${id}, ${sweep.total} combinations`);
  return followSweep(sweep, options, ctx);
}

/** `trainyard sweep extend <id> --batch-sizes 16,32,64`: adds values, trains only the new combinations. */
export async function extendSweep(
  id: string,
  lists: Partial<SweepFields>,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const client = await ctx.studio();
  const before = (await client.getSweep(id)).sweep.total;
  const sweep = await client.extendSweep(id, lists);
  note(
    ctx,
    `Sweep ${sweep.id} extended: ${sweep.total - before} new combinations (of ${sweep.total}) train now`,
  );
  return followSweep(sweep, options, ctx);
}
