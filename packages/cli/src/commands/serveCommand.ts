import { type CommandContext, note, untilInterrupted, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { parseInteger } from '../sweep/sweepFlags.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ServeOptions {
  port?: string;
  host?: string;
  home?: string;
  token?: string;
  concurrency?: string;
}

/**
 * `trainyard serve`: the studio server (what `make start` runs) until Ctrl-C or SIGTERM, then a
 * graceful shutdown. Unset flags fall back to PORT, HOST, TRAINYARD_HOME and TRAINYARD_TOKEN.
 */
export async function serve(options: ServeOptions, ctx: CommandContext): Promise<ExitCode> {
  const { env } = ctx.io;
  const portText = options.port ?? env.PORT;
  const port = portText === undefined ? undefined : parseInteger(portText, 0, 65535);
  if (portText !== undefined && port === undefined)
    throw new CliError(`--port: Port must be an integer in [0, 65535]: ${portText}`);
  const concurrency =
    options.concurrency === undefined ? undefined : parseInteger(options.concurrency, 1, 64);
  if (options.concurrency !== undefined && concurrency === undefined) {
    throw new CliError(`--concurrency: Concurrency must be an integer in [1, 64]: ${options.concurrency}`);
  }
  const host = options.host ?? env.HOST;
  const token = options.token ?? env.TRAINYARD_TOKEN;
  if (host && !LOOPBACK.has(host) && !token) {
    throw new CliError(
      `--host: binding ${host} needs a token (--token or TRAINYARD_TOKEN); or bind 127.0.0.1`,
    );
  }
  const serverOptions: Record<string, string | number> = {};
  if (port !== undefined) serverOptions.port = port;
  if (host) serverOptions.host = host;
  const home = options.home ?? env.TRAINYARD_HOME;
  if (home) serverOptions.home = home;
  if (token) serverOptions.token = token;
  if (concurrency !== undefined) serverOptions.concurrency = concurrency;

  const { startServer } = await import('@trainyard/server');
  const server = await startServer(serverOptions);
  writeLine(ctx, `Trainyard studio: ${server.url}`);
  if (token)
    writeLine(
      ctx,
      `Open in a browser (the page keeps the token for this tab): ${server.url.replace(/\/$/, '')}/?token=${encodeURIComponent(token)}`,
    );
  note(ctx, `Data directory: ${server.studio.home}. Ctrl-C stops the server.`);
  await untilInterrupted(ctx);
  note(ctx, 'Stopping: running trainings are cancelled and marked interrupted…');
  await server.close();
  return EXIT.ok;
}
