import { createRequire } from 'node:module';

/** The package version, for `trainyard --version`. */
export const CLI_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;
