import type { Command } from 'commander';
import { type ServeOptions, serve } from '../commands/serveCommand.js';
import { globalsOf, type RunAction } from './buildProgram.js';

export function registerServe(program: Command, run: RunAction): void {
  program
    .command('serve')
    .description('start the studio server (HTTP API and web app) and print its URL')
    .option('--port <port>', 'port, 0 for any free one (env PORT, default 8787)')
    .option('--host <host>', 'address to bind (env HOST, default 127.0.0.1); any other needs --token')
    .option('--concurrency <n>', 'parallel trainings (default: the number of cores)')
    .addHelpText(
      'after',
      '\nWith a token, every /api call needs "Authorization: Bearer <token>"; open the web app once as\n' +
        '<url>/?token=<token> and it keeps the token for that browser tab.',
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const globals = globalsOf(cmd);
      const options: ServeOptions = { ...opts };
      if (globals.home) options.home = globals.home;
      if (globals.token) options.token = globals.token;
      // serve reads its own flags and env; `run` only supplies the context (no studio is opened).
      await run({}, (ctx) => serve(options, ctx));
    });
}
