import type { StudioTarget } from '../client/connectStudio.js';
import { CliError } from '../exitCodes.js';

/** The global flags every studio command shares. */
export interface GlobalFlags {
  home?: string;
  server?: string;
  token?: string;
  concurrency?: string;
  timeout?: string;
}

/** Global flags, then environment: --home/TRAINYARD_HOME, --server/TRAINYARD_SERVER, --token/TRAINYARD_TOKEN. */
export function studioTarget(flags: GlobalFlags, env: Record<string, string | undefined>): StudioTarget {
  const target: StudioTarget = {};
  const server = flags.server ?? env.TRAINYARD_SERVER;
  if (server) {
    let url: URL | undefined;
    try {
      url = new URL(server);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new CliError(`--server: Server must be an http(s) URL: ${server}`);
    }
    target.server = server.replace(/\/+$/, '');
  }
  if (flags.timeout !== undefined) {
    const seconds = Number(flags.timeout);
    if (flags.timeout.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
      throw new CliError(`--timeout: Timeout must be a positive number of seconds: ${flags.timeout}`);
    }
    target.timeoutSeconds = seconds;
  }
  const token = flags.token ?? env.TRAINYARD_TOKEN;
  if (token) target.token = token;
  const home = flags.home ?? env.TRAINYARD_HOME;
  if (home) target.home = home;
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && Number.isSafeInteger(concurrency) && concurrency > 0)
    target.concurrency = concurrency;
  return target;
}
