import type { Command } from 'commander';
import { type WorkerOptions, worker } from '../commands/workerCommand.js';
import { globalsOf, type RunAction } from './buildProgram.js';

export function registerWorker(program: Command, run: RunAction): void {
  program
    .command('worker')
    .description('train sweep combinations from the queue of a distributed studio (TRAINYARD_REDIS_URL)')
    .option(
      '--concurrency <n>',
      'trainings at once (env TRAINYARD_WORKER_CONCURRENCY, default: the number of cores)',
    )
    .addHelpText(
      'after',
      '\nReads the same variables as `trainyard serve`: TRAINYARD_REDIS_URL, TRAINYARD_DATABASE_URL,\n' +
        'TRAINYARD_ARTIFACTS, TRAINYARD_LOCK_MS, TRAINYARD_STALLED_MS. SIGTERM drains: running trainings finish.',
    )
    .action(async (opts: WorkerOptions, cmd: Command) => {
      const globals = globalsOf(cmd);
      const options: WorkerOptions = { ...opts };
      if (globals.home) options.home = globals.home;
      await run({}, (ctx) => worker(options, ctx));
    });
}
