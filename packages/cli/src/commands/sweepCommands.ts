import { describeOtherCounts } from '@trainyard/core';
import { type CommandContext, note, writeJson } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { followSweep, reattachCommand } from '../sweep/followSweep.js';
import { parseSweepFlags, type SweepFlagValues } from '../sweep/sweepFlags.js';

export interface SweepOptions extends SweepFlagValues {
  json?: boolean;
}

/**
 * `trainyard sweep`: validates every flag with the core validators (exit 2 before anything
 * runs), creates a durable sweep on the studio, follows it and prints its rows.
 * @example await runSweep({ framework: 'pytorch', dataset: 'iris', epochs: '5,10' }, ctx)
 */
export async function runSweep(options: SweepOptions, ctx: CommandContext): Promise<ExitCode> {
  const parsed = parseSweepFlags(options);
  if (!parsed.ok) throw new CliError(parsed.flag ? `${parsed.flag}: ${parsed.error}` : parsed.error);
  for (const flag of parsed.ignored)
    note(ctx, `note: ${flag} is ignored with --linear (DR-004 fixes 128×2, dropout 0.1)`);
  const client = await ctx.studio();
  const sweep = await client.createSweep(parsed.fields);
  const f = parsed.fields;
  const size =
    sweep.total === 0 && f.maxMinutes !== undefined
      ? `runs sampled until ${f.maxMinutes} minutes are spent`
      : `${sweep.total} combination${sweep.total === 1 ? '' : 's'}`;
  note(
    ctx,
    `Sweep ${sweep.id}: ${size} of ${f.framework}` +
      `${f.mode === 'linear' ? ' (linear baseline)' : ''} on ${f.datasetId}, ${client.kind === 'remote' ? 'on' : 'stored in'} ${client.location}`,
  );
  if (client.kind === 'remote') {
    note(
      ctx,
      `Ctrl-C detaches (the sweep keeps running); re-attach: ${reattachCommand(sweep.id, client.location)}`,
    );
  }
  return followSweep(sweep, { json: options.json }, ctx);
}

/** `trainyard sweep attach <id>`: follows a sweep that is already running (or shows a finished one). */
export async function attachSweep(
  id: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const client = await ctx.studio();
  const { sweep } = await client.getSweep(id);
  note(
    ctx,
    `Sweep ${sweep.id}: ${sweep.status}, ${sweep.done}/${sweep.total} combinations done${describeOtherCounts(sweep)}`,
  );
  return followSweep(sweep, options, ctx);
}

/** `trainyard sweep resume <id>`: trains the combinations with no completed row, then follows. */
export async function resumeSweep(
  id: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const client = await ctx.studio();
  const sweep = await client.resumeSweep(id);
  // `done` counts completed combinations only: the rest (failed, cancelled, never started) train now.
  note(
    ctx,
    `Sweep ${sweep.id} resumed: ${sweep.done}/${sweep.total} combinations already done, training the other ${sweep.total - sweep.done}`,
  );
  return followSweep(sweep, options, ctx);
}

/** `trainyard sweep cancel <id>`: stops a running sweep; its finished rows stay stored. */
export async function cancelSweep(
  id: string,
  options: { json?: boolean },
  ctx: CommandContext,
): Promise<ExitCode> {
  const sweep = await (await ctx.studio()).cancelSweep(id);
  if (options.json) writeJson(ctx, sweep);
  else
    note(
      ctx,
      `Sweep ${sweep.id} ${sweep.status}: ${sweep.done}/${sweep.total} combinations done${describeOtherCounts(sweep)}`,
    );
  return EXIT.ok;
}
