import { type CommandContext, note, untilInterrupted, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { parseInteger } from '../sweep/sweepFlags.js';

export interface WorkerOptions {
  home?: string;
  concurrency?: string;
}

/**
 * `trainyard worker`: trains sweep combinations from the queue (TRAINYARD_REDIS_URL) into the shared
 * store (TRAINYARD_DATABASE_URL) until Ctrl-C or SIGTERM, then drains: it takes no new combination
 * and lets the running ones finish. Reads the same variables as `trainyard serve`.
 */
export async function worker(options: WorkerOptions, ctx: CommandContext): Promise<ExitCode> {
  const { env } = ctx.io;
  const concurrencyText = options.concurrency ?? env.TRAINYARD_WORKER_CONCURRENCY;
  const concurrency = concurrencyText === undefined ? undefined : parseInteger(concurrencyText, 1, 256);
  if (concurrencyText !== undefined && concurrency === undefined) {
    throw new CliError(`--concurrency: Concurrency must be an integer in [1, 256]: ${concurrencyText}`);
  }
  const { queueConfigFromEnv, startWorker } = await import('@trainyard/server');
  let config: ReturnType<typeof queueConfigFromEnv>;
  try {
    config = queueConfigFromEnv({ ...env, TRAINYARD_WORKER_CONCURRENCY: undefined });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (!config) {
    throw new CliError(
      'trainyard worker needs TRAINYARD_REDIS_URL (the queue the API server puts sweep combinations on) and TRAINYARD_DATABASE_URL',
    );
  }
  const home = options.home ?? env.TRAINYARD_HOME;
  const running = await startWorker({
    ...config,
    ...(concurrency !== undefined ? { workerConcurrency: concurrency } : {}),
    ...(home ? { home } : {}),
  });
  const slots = concurrency ?? config.workerConcurrency;
  writeLine(ctx, `Trainyard worker: ${slots} slot${slots === 1 ? '' : 's'}, pid ${process.pid}`);
  note(ctx, `Data directory: ${running.studio.home}. Ctrl-C or SIGTERM drains and stops the worker.`);
  await untilInterrupted(ctx);
  note(ctx, 'Draining: no new combinations; the running ones finish first…');
  await running.drain();
  return EXIT.ok;
}
