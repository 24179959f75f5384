import { type SweepRecord, standingAttempts } from '@trainyard/core';
import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import { formatRunTable } from '../format/runTable.js';
import { createSweepReporter } from './sweepReporter.js';

export interface FollowOptions {
  json?: boolean;
}

/**
 * Follows a created (or re-attached) sweep to its end with progress on stderr, then prints its
 * rows: a table with the best one marked, or the stored rows as JSON.
 * Ctrl-C detaches from a server (the sweep keeps running there) and cancels an embedded sweep,
 * which would die with this process anyway; either way the exit code is 130.
 */
export async function followSweep(
  sweep: SweepRecord,
  options: FollowOptions,
  ctx: CommandContext,
): Promise<ExitCode> {
  const client = await ctx.studio();
  const c = ctx.colors;
  const reporter = createSweepReporter({ io: ctx.io, colors: c, total: sweep.total });
  let status: Awaited<ReturnType<typeof client.followSweep>>;
  try {
    status = await client.followSweep(sweep.id, (event) => reporter.onEvent(event), ctx.io.signal);
  } finally {
    reporter.stop();
  }
  if (status === 'detached') {
    if (client.kind === 'remote') {
      note(ctx, `Detached from sweep ${sweep.id}; it keeps running on ${client.location}.`);
      note(ctx, `Re-attach with: ${reattachCommand(sweep.id, client.location)}`);
    } else {
      await client.cancelSweep(sweep.id).catch(() => undefined);
      note(ctx, `Cancelled sweep ${sweep.id}; its finished runs are stored under ${client.location}.`);
      note(ctx, `Train the rest with: trainyard sweep resume ${sweep.id} --home ${client.location}`);
    }
    return EXIT.interrupted;
  }
  // The studio lists every attempt in grid order; each combination shows the one that stands for it
  // (a resumed combination's completed row, not the cancelled attempt before it).
  const runs = standingAttempts((await client.getSweep(sweep.id)).runs);
  if (options.json) writeJson(ctx, runs);
  else writeLine(ctx, formatRunTable(runs, { colors: c, markBest: true }));
  const completed = runs.filter((run) => run.result === 'completed').length;
  if (status !== 'completed') {
    note(ctx, c.red(`Sweep ${sweep.id} ended ${status}: ${completed} of ${sweep.total} runs completed.`));
    return EXIT.failure;
  }
  if (completed === 0) {
    note(ctx, c.red(`All ${runs.length} runs of sweep ${sweep.id} failed.`));
    return EXIT.failure;
  }
  return EXIT.ok;
}

export function reattachCommand(sweepId: string, server: string): string {
  return `trainyard sweep attach ${sweepId} --server ${server}`;
}
